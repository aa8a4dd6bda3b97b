package io.sandbench.runtime;

/** Whether a runtime can run here, its version, and when it cannot: why, and how to fix it. */
public record Availability(boolean available, String version, String reason, String fix) {

  public static Availability ok(String version) {
    return new Availability(true, version, "", "");
  }

  public static Availability missing(String reason, String fix) {
    return new Availability(false, "", reason, fix);
  }

  /** One line for an error: "runc is not available here: REASON; FIX". */
  public String explain(String runtime) {
    return runtime + " is not available here: " + reason + (fix.isEmpty() ? "" : "; " + fix);
  }
}
