package io.pgha.ops.render;

/** A rendered file for one node: where it goes, what it holds, who owns it. */
public record RenderedFile(ClusterFile file, String content) {
    public String path() { return file.dest(); }
    public String owner() { return file.owner(); }
    public String group() { return file.group(); }
    public String mode() { return file.mode(); }

    @Override
    public String toString() { return "RenderedFile[" + file + ", " + content.length() + " chars]"; }
}
