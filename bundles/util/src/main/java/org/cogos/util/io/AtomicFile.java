package org.cogos.util.io;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file so that a crash leaves the old or the new content, never a mix: the content goes to {@code
 * <name>.tmp} in the same directory, is fsynced, renamed over the file with {@code ATOMIC_MOVE}, and the directory
 * is fsynced so the rename itself is durable. Callers serialise writes to one file.
 */
public final class AtomicFile {

    /** Writes the new content; the stream is flushed and synced after it returns. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);

    private AtomicFile() {
    }

    /** @throws IOException when writing, syncing or renaming failed; the previous content is then untouched */
    public static void write(Path file, Content content) throws IOException {
        write(file, content, false);
    }

    /**
     * The same for a file of secrets: readable and writable by its owner only (0600) from the moment it exists,
     * where the file system has POSIX permissions.
     */
    public static void writeOwnerOnly(Path file, Content content) throws IOException {
        write(file, content, true);
    }

    private static void write(Path file, Content content, boolean ownerOnly) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            if (ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.deleteIfExists(temporary);
                Files.createFile(temporary,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (FileOutputStream stream = new FileOutputStream(temporary.toFile())) {
                content.writeTo(stream);
                stream.flush();
                stream.getChannel().force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanupFailed) {
                e.addSuppressed(cleanupFailed);
            }
            throw e;
        }
        syncDirectory(file.toAbsolutePath().getParent());
    }

    public static void write(Path file, byte[] content) throws IOException {
        write(file, out -> out.write(content));
    }

    /** Not every platform can open a directory; there the rename still happened. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("could not fsync directory {} after a write: {}", directory, e.toString());
        }
    }
}
