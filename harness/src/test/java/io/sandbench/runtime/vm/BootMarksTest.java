package io.sandbench.runtime.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sandbench.runtime.BootTimeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guest markers are placed on the host's time line from their printk time and arrival. */
class BootMarksTest {
  static final long LAUNCH = 1_000_000_000L;

  static ConsoleLog.Line line(String text, long arrivedMicrosAfterLaunch) {
    return new ConsoleLog.Line(text, LAUNCH + arrivedMicrosAfterLaunch * 1000);
  }

  @Test
  void kernelStartIsTheSmallestArrivalMinusPrintkTime() {
    List<ConsoleLog.Line> console =
        List.of(
            line("[    0.512000] Unable to read current time from RTC", 900_000),
            line("[    2.000000] SANDBENCH-MARK init", 3_100_000), // 1.1 s: the tightest
            line("[    2.100000] SANDBENCH-MARK modules-loaded", 3_250_000),
            line("httpd: bind: Address in use", 3_300_000),
            line("[    2.300500] SANDBENCH-MARK workload-listening", 3_500_000));
    BootTimeline t = BootMarks.timeline(console, LAUNCH, LAUNCH + 50_000_000);
    assertEquals(
        List.of(
            new BootTimeline.Mark("vmm-started", 50_000),
            new BootTimeline.Mark("kernel-start", 1_100_000),
            new BootTimeline.Mark("init", 3_100_000),
            new BootTimeline.Mark("modules-loaded", 3_200_000),
            new BootTimeline.Mark("workload-listening", 3_400_500)),
        t.marks());
  }

  @Test
  void withoutMarkersOnlyTheVmmStartIsKnown() {
    BootTimeline t = BootMarks.timeline(List.of(line("Booting...", 10)), LAUNCH, LAUNCH + 7_000);
    assertEquals(List.of(new BootTimeline.Mark("vmm-started", 7)), t.marks());
  }
}
