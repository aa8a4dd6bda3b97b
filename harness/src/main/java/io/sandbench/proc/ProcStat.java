package io.sandbench.proc;

/**
 * The fields of /proc/PID/stat that sandbench uses. Fields are counted from the last ')' because the
 * command name (field 2) may itself hold spaces and parentheses.
 */
public record ProcStat(
    long pid,
    String comm,
    long ppid,
    long utimeTicks,
    long stimeTicks,
    long childTicks,
    long startTicks,
    long rssPages) {

  /** Clock ticks per second of /proc times: USER_HZ, 100 on every Linux architecture's ABI. */
  public static final int TICKS_PER_SECOND = 100;

  /** utime + stime: CPU time used by all threads of the process, live ones and ended ones. */
  public long cpuTicks() {
    return utimeTicks + stimeTicks;
  }

  /**
   * cpuTicks plus cutime + cstime: the CPU of the children this process has reaped (and of theirs),
   * which is where a short-lived child's CPU ends up.
   */
  public long totalTicks() {
    return utimeTicks + stimeTicks + childTicks;
  }

  /** Reads /proc/PID/stat; empty if the process has gone. */
  public static java.util.Optional<ProcStat> read(long pid) {
    ProcFile f = new ProcFile();
    if (!f.read("/proc/" + pid + "/stat")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(parse(pid, f.bytes(), f.length()));
  }

  /** Parses a stat line; null when it is malformed. Allocates only the comm string. */
  static ProcStat parse(long pid, byte[] b, int len) {
    int open = -1;
    int close = -1;
    for (int i = 0; i < len; i++) {
      if (b[i] == '(' && open < 0) {
        open = i;
      } else if (b[i] == ')') {
        close = i;
      }
    }
    if (open < 0 || close < 0 || close + 2 >= len) {
      return null;
    }
    String comm = new String(b, open + 1, close - open - 1, java.nio.charset.StandardCharsets.UTF_8);
    // After ") ": state is field 3; ppid 4, utime 14, stime 15, cutime 16, cstime 17, starttime 22,
    // rss 24.
    long[] wanted = new long[25];
    int field = 3;
    int i = close + 2;
    while (i < len && field <= 24) {
      int start = i;
      while (i < len && b[i] != ' ' && b[i] != '\n') {
        i++;
      }
      if (field != 3) {
        wanted[field] = parseLong(b, start, i);
      }
      field++;
      i++;
    }
    if (field <= 24) {
      return null;
    }
    return new ProcStat(
        pid, comm, wanted[4], wanted[14], wanted[15], wanted[16] + wanted[17], wanted[22], wanted[24]);
  }

  private static long parseLong(byte[] b, int from, int to) {
    boolean negative = from < to && b[from] == '-';
    long v = 0;
    for (int i = negative ? from + 1 : from; i < to; i++) {
      v = v * 10 + (b[i] - '0');
    }
    return negative ? -v : v;
  }
}
