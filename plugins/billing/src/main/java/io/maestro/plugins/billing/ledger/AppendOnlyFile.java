package io.maestro.plugins.billing.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A file of lines that only grows: each append is one write of a whole line, forced to disk before
 * it returns. Several writers (this conductor, a plugin version being replaced, the CLI) may append;
 * each reader follows the file from where it stopped and sees only complete lines, so a line being
 * written is picked up on a later read. A line torn by a crash is ended by the next append, so it
 * spoils only itself.
 */
public final class AppendOnlyFile {
    private static final int CHUNK = 64 * 1024;

    private final Path path;
    private long offset;

    public AppendOnlyFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public void append(String line) throws IOException {
        if (line.indexOf('\n') >= 0) throw new IllegalArgumentException("a ledger line cannot contain a newline");
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean created = !Files.exists(path);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (!created && !endsWithNewline()) {
            byte[] fixed = new byte[bytes.length + 1];
            fixed[0] = '\n';
            System.arraycopy(bytes, 0, fixed, 1, bytes.length);
            bytes = fixed;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
        if (created) forceDirectory(dir);
    }

    /**
     * Hands every complete line added since the last call to {@code lines} (the first call reads the
     * whole file).
     */
    public void readNew(Consumer<String> lines) throws IOException {
        if (!Files.exists(path)) return;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < offset) offset = 0; // replaced by a shorter file: read it again (folds are idempotent)
            long pos = offset;
            var line = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            while (pos < size) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n <= 0) break;
                for (int k = 0; k < n; k++) {
                    byte b = buf.get(k);
                    if (b == '\n') {
                        String text = line.toString(StandardCharsets.UTF_8);
                        line.reset();
                        offset = pos + k + 1;
                        lines.accept(text);
                    } else {
                        line.write(b);
                    }
                }
                pos += n;
            }
        }
    }

    /** Every complete line of a file, with its 1-based line number. */
    public static void readAll(Path path, LineConsumer lines) throws IOException {
        var reader = new AppendOnlyFile(path);
        int[] number = {0};
        reader.readNew(line -> lines.accept(++number[0], line));
        long size = Files.exists(path) ? Files.size(path) : 0;
        if (reader.offset < size) lines.unterminated(number[0] + 1, size - reader.offset);
    }

    /** Receives the lines of {@link #readAll}. */
    public interface LineConsumer {
        void accept(int number, String line);

        /** The file ends with a line that has no newline yet (being written, or torn by a crash). */
        default void unterminated(int number, long bytes) { }
    }

    private boolean endsWithNewline() throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) return true;
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }

    /** Makes a new file's directory entry durable too (not supported everywhere: best effort). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // e.g. Windows cannot open a directory; the file's own data is already forced
        }
    }
}
