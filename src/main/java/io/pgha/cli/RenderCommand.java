package io.pgha.cli;

import io.pgha.inventory.Inventory;
import io.pgha.ops.ProjectLayout;
import io.pgha.ops.Toolkit;
import io.pgha.ops.render.ClusterRenderer;
import io.pgha.ops.render.DefaultVars;
import io.pgha.ops.render.RenderedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** pgha render -i INVENTORY --out DIR: every node's files rendered offline for review (no SSH). */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render every configuration file and script of each node offline (no SSH), one folder per host,",
                "destination paths mirrored (OUT/db06/etc/keepalived/keepalived.conf), so they can be reviewed before a run."})
public final class RenderCommand implements Callable<Integer> {
    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY")
    Path inventory;

    @Option(names = "--host", paramLabel = "HOST", split = ",", description = "Only these hosts (default: every cluster node).")
    List<String> hosts = List.of();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Override
    public Integer call() {
        ProjectLayout layout = ProjectLayout.discover();
        try (Toolkit kit = SshToolkit.at(layout.home())) {
            Inventory inv = kit.loadInventory(inventory);
            ClusterRenderer renderer = new ClusterRenderer(List.of(layout.templates()), DefaultVars.load(layout.defaults()));
            Map<String, List<RenderedFile>> rendered = renderer.render(inv, hosts, Map.of());
            int files = 0;
            for (Map.Entry<String, List<RenderedFile>> e : rendered.entrySet()) {
                List<Path> written = ClusterRenderer.write(out, e.getKey(), e.getValue());
                System.out.println(e.getKey() + ": " + written.size() + " files in " + out.resolve(e.getKey()));
                for (RenderedFile f : e.getValue()) {
                    System.out.println("  " + f.mode() + " " + f.owner() + ":" + f.group() + "  " + f.path());
                }
                files += written.size();
            }
            System.out.println(files + " files rendered; files holding passwords are 0600 here as on the nodes.");
            return 0;
        }
    }
}
