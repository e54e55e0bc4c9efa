package dev.leakprobe.agent.dump;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** The free and total bytes of the file system that holds a folder; a seam for tests, which cannot fill a disk. */
interface DiskSpace {

    /** Bytes this process may still write there (what {@code df} calls available). */
    long usableBytes(Path dir) throws IOException;

    long totalBytes(Path dir) throws IOException;

    DiskSpace FILE_STORE = new DiskSpace() {
        @Override
        public long usableBytes(Path dir) throws IOException {
            return store(dir).getUsableSpace();
        }

        @Override
        public long totalBytes(Path dir) throws IOException {
            return store(dir).getTotalSpace();
        }

        private FileStore store(Path dir) throws IOException {
            return Files.getFileStore(dir);
        }
    };
}
