package org.cogos.kmodit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kmod/qemu/run-guest.sh from Java: boots Debian's kernel under qemu TCG and runs one guest script, keeping the
 * serial log for assertions and for the failure message.
 */
final class QemuGuest {

    /** The serial console and the status run-guest.sh reported (see its header for the codes). */
    record Run(int status, String log) {

        /** The last lines of the log, for assertion messages. */
        String tail() {
            String[] lines = log.split("\n");
            int from = Math.max(0, lines.length - 60);
            return String.join("\n", List.of(lines).subList(from, lines.length));
        }
    }

    static final Path KMOD = Path.of(System.getProperty("cogos.kmod.dir")).toAbsolutePath().normalize();
    static final Path BUILD = Path.of(System.getProperty("cogos.build.dir")).toAbsolutePath().normalize();

    private QemuGuest() {
    }

    /** Runs {@code command} on the host in {@code dir}, failing with its output if it fails. */
    static String host(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(BUILD, "host", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                    + Files.readString(out));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + output);
        }
        return output;
    }

    /** The kernel version the modules are built for, worked out by kernel.sh from the installed headers. */
    static String kernelVersion() throws IOException, InterruptedException {
        for (String line : host(KMOD, 300, KMOD.resolve("qemu/kernel.sh").toString()).split("\n")) {
            if (line.startsWith("KVER=")) {
                return line.substring("KVER=".length()).trim();
            }
        }
        throw new AssertionError("kmod/qemu/kernel.sh printed no KVER");
    }

    /** Boots a guest with {@code cpu} and {@code vcpus} and runs {@code script} (a host path) with {@code args}. */
    static Run boot(String cpu, int vcpus, int timeoutSeconds, Path script, String... args)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(BUILD, "guest-" + cpu + "-", ".log");
        List<String> command = new ArrayList<>(List.of(KMOD.resolve("qemu/run-guest.sh").toString(), "--cpu", cpu,
                "--smp", Integer.toString(vcpus), "--timeout", Integer.toString(timeoutSeconds), "--log",
                log.toString(), script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(BUILD.resolve(log.getFileName() + ".harness").toFile()).start();
        if (!process.waitFor(timeoutSeconds + 120L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("run-guest.sh did not return; serial log " + log);
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.ISO_8859_1));
    }
}
