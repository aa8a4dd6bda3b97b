package io.sandbench.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/** Test tool: copies a run under a new id, its startup times multiplied by a factor. */
public final class RunCopy {
  private RunCopy() {}

  public static void copy(Path db, String from, String to, double slowdown) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      c.setAutoCommit(false);
      String[] sql = {
        "INSERT INTO run SELECT ?, started_at, finished_at, status, suite_name, suite_file,"
            + " suite_text, tool, host_json FROM run WHERE id=?",
        "INSERT INTO runtime_status SELECT ?, runtime, driver, available, version, reason"
            + " FROM runtime_status WHERE run_id=?",
        "INSERT INTO scenario SELECT ?, key, seq, runtime, driver, workload, experiment, entry,"
            + " unit, parameters_json, status, reason, facts_json, result_json, started_at,"
            + " finished_at FROM scenario WHERE run_id=?",
        "INSERT INTO startup_sample SELECT ?, scenario_key, iteration, warmup, harness_cpu_us,"
            + " instance, launch_offset_us, CAST(ready_us * " + slowdown + " AS INTEGER),"
            + " probe_attempts, failure, boot_json FROM startup_sample WHERE run_id=?",
        "INSERT INTO series_point SELECT ?, scenario_key, series, x, y FROM series_point"
            + " WHERE run_id=?",
      };
      for (String s : sql) {
        try (PreparedStatement p = c.prepareStatement(s)) {
          p.setString(1, to);
          p.setString(2, from);
          p.executeUpdate();
        }
      }
      c.commit();
    }
  }
}
