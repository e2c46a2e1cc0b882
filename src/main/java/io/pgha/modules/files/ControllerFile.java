package io.pgha.modules.files;

import io.pgha.modules.ModuleContext;
import io.pgha.modules.support.RemoteFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A src on the controller (found like every local path: playbook folder, then files/), read whole: copy's and unarchive's. */
final class ControllerFile {
    private ControllerFile() {}

    static byte[] read(ModuleContext ctx, String src) throws RemoteFiles.Failure {
        Path local = ctx.resolveLocal(src);
        if (Files.isDirectory(local)) {
            throw new RemoteFiles.Failure("src " + local + " is a directory; copy takes one file (use unarchive for trees)");
        }
        try {
            return Files.readAllBytes(local);
        } catch (IOException e) {
            throw new RemoteFiles.Failure("cannot read src " + local + " on the controller: " + e.getMessage());
        }
    }
}
