package io.sandbench.measure;

import io.sandbench.exec.NativeHelper;
import io.sandbench.proc.ThreadsCpu;
import java.time.Duration;

/**
 * CPU time the harness has used, in nanoseconds: every thread of this JVM (JIT and GC included)
 * and the native helper that launches and probes for it.
 */
final class HarnessCpu {
  private HarnessCpu() {}

  static long nanos() {
    long jvm =
        ThreadsCpu.nanos("self")
            .orElseGet(
                () ->
                    ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L));
    return jvm + NativeHelper.cpuNanos();
  }
}
