package io.pgha.modules.support;

/** PLACEHOLDER until the modfiles branch lands the real unified diff. */
public final class TextDiff {
    private TextDiff() {}

    public static String unified(String path, String before, String after) {
        return "--- before: " + path + "\n+++ after: " + path + "\n";
    }
}
