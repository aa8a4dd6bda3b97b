package io.sandbench.scenario;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Just enough ELF reading to tell a static binary (no program interpreter) from a dynamic one. */
public final class ElfBinary {
  private static final int PT_INTERP = 3;

  private ElfBinary() {}

  /** True for a 64-bit little-endian ELF executable without a PT_INTERP program header. */
  public static boolean isStatic(Path file) {
    try (FileChannel ch = FileChannel.open(file)) {
      ByteBuffer head = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
      if (ch.read(head, 0) < 64 || head.getInt(0) != 0x464c457f || head.get(4) != 2) {
        return false;
      }
      long phoff = head.getLong(32);
      int phentsize = head.getShort(54) & 0xffff;
      int phnum = head.getShort(56) & 0xffff;
      ByteBuffer ph = ByteBuffer.allocate(phentsize * phnum).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(ph, phoff);
      for (int i = 0; i < phnum; i++) {
        if (ph.getInt(i * phentsize) == PT_INTERP) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
