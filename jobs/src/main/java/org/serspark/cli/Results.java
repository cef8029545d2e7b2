package org.serspark.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.serspark.io.AtomicFiles;

/** Updates a marked block of docs/RESULTS.md, so benchmark commands can record their latest figures. */
final class Results {
    private Results() {
    }

    static void replaceBlock(Path file, String name, String content) throws IOException {
        String begin = "<!-- " + name + " -->";
        String end = "<!-- /" + name + " -->";
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        String block = begin + "\n" + content + "\n" + end;
        String updated = b >= 0 && e > b ? text.substring(0, b) + block + text.substring(e + end.length())
                : text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + block + "\n";
        AtomicFiles.writeString(file, updated);
    }
}
