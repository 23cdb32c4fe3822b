package org.cogos.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.support.CommandException;

/** The two streams of a shell session, captured so a test can read what a command printed. */
final class Console {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private int exitStatus;

    /**
     * Runs the command the way the shell does: a {@link CommandException} is printed as its one-line message on the
     * error stream, and makes the exit status 1, as {@code bin/client} and ssh report it.
     */
    void run(CogAction command) {
        try {
            command.execute(out);
            exitStatus = 0;
        } catch (CommandException e) {
            err.println(e.getMessage());
            exitStatus = 1;
        }
    }

    /** The exit status of the last command run: 0, or 1 when it failed. */
    int exitStatus() {
        return exitStatus;
    }

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    List<String> outLines() {
        return lines(out());
    }

    List<String> errLines() {
        return lines(err());
    }

    /** The cells of each data row of a formatted ShellTable (header and underline skipped). */
    List<List<String>> tableRows() {
        List<String> lines = outLines();
        return lines.subList(2, lines.size()).stream().map(Console::cells).toList();
    }

    /** The header cells of a formatted ShellTable. */
    List<String> tableHeader() {
        return cells(outLines().get(0));
    }

    /** The cells of one formatted ShellTable line. */
    static List<String> cells(String line) {
        // ShellTable separates with " │ " on a unicode terminal and " | " otherwise.
        return Arrays.stream(line.split(" [|│] ")).map(String::trim).toList();
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }
}
