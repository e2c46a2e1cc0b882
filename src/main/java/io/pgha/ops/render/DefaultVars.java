package io.pgha.ops.render;

import io.pgha.core.InputException;
import io.pgha.core.SourceLocation;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cluster variables' defaults (playbooks/vars/defaults.yml): the lowest-precedence layer, below
 * every inventory variable, for the engine (RunOptions.defaultVars) and for rendering alike.
 */
public final class DefaultVars {
    /** Where the defaults live in a project (and in the jar's built-in copy). */
    public static final String RELATIVE_PATH = "playbooks/vars/defaults.yml";

    private DefaultVars() {}

    /** Reads a defaults file: a YAML mapping of variable names to values. */
    public static Map<String, Object> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(SourceLocation.of(file.toString()), null, "defaults file not found");
        }
        try (Reader r = Files.newBufferedReader(file)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            if (doc == null) return Map.of();
            if (!(doc instanceof Map<?, ?> m)) {
                throw new InputException(SourceLocation.of(file.toString()), null, "must be a mapping of variable names to values");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new InputException(new SourceLocation(file.toString(), mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1), null, "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new InputException(SourceLocation.of(file.toString()), null, "invalid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new InputException(SourceLocation.of(file.toString()), null, "cannot read: " + e.getMessage());
        }
    }
}
