package io.sandbench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Guest RAM is the anonymous mapping of the guest's size; everything else resident is overhead. */
class VmmOverheadTest {
  static String mapping(String header, long sizeKib, long rssKib, long pssKib) {
    return header + "\nSize:           " + sizeKib + " kB\nKernelPageSize:        4 kB\nRss:            "
        + rssKib + " kB\nPss:            " + pssKib + " kB\nVmFlags: rd wr mr mw me ac\n";
  }

  @Test
  void splitsGuestRamFromTheVmmsOwnMappings() {
    String smaps =
        mapping("55d0c0000000-55d0c0a00000 r-xp 00000000 08:01 1234   /usr/bin/qemu-system-x86_64", 10240, 6000, 3000)
            + mapping("7f6503e00000-7f650be00000 rw-p 00000000 00:00 0 ", 131072, 114688, 114688)
            // A file mapping of the same size is not guest RAM.
            + mapping("7f6600000000-7f6608000000 r--p 00000000 08:01 99   /var/lib/big.bin", 131072, 500, 500)
            + mapping("7f650c000000-7f654bfff000 rwxp 00000000 00:00 0", 1048572, 32768, 32768);
    VmmOverhead o = VmmOverhead.parse(smaps, 128).orElseThrow();
    assertEquals(114688, o.guestRssKib());
    assertEquals(6000 + 500 + 32768, o.overheadRssKib());
    assertEquals(3000 + 500 + 32768, o.overheadPssKib());
    assertEquals(114688 + 39268, o.totalRssKib());
  }

  @Test
  void noMappingOfTheGuestSizeMeansNoAnswer() {
    String smaps = mapping("7f6503e00000-7f650be00000 rw-p 00000000 00:00 0", 65536, 100, 100);
    assertTrue(VmmOverhead.parse(smaps, 128).isEmpty());
    assertTrue(VmmOverhead.of(ProcessHandle.current().pid(), 123457).isEmpty());
  }
}
