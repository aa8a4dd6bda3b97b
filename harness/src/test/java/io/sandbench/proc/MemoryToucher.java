package io.sandbench.proc;

import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A child process for the memory tests. {@code anon MIB}: allocates and writes MIB MiB of its own;
 * {@code map FILE MIB}: maps FILE shared and reads every page of it. Then prints "ready" and sleeps
 * until killed.
 */
public final class MemoryToucher {
  static volatile Object keep;

  public static void main(String[] args) throws Exception {
    if (args[0].equals("anon")) {
      int bytes = Integer.parseInt(args[1]) << 20;
      byte[] b = new byte[bytes];
      for (int i = 0; i < bytes; i += 4096) {
        b[i] = 1;
      }
      keep = b;
    } else {
      long bytes = Long.parseLong(args[2]) << 20;
      try (RandomAccessFile f = new RandomAccessFile(Path.of(args[1]).toFile(), "rw")) {
        MappedByteBuffer m = f.getChannel().map(FileChannel.MapMode.READ_ONLY, 0, bytes);
        long sum = 0;
        for (int i = 0; i < bytes; i += 4096) {
          sum += m.get(i);
        }
        keep = m;
        System.err.println(sum);
      }
    }
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
