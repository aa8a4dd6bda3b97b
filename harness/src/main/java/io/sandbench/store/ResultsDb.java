package io.sandbench.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sandbench.UserError;
import io.sandbench.report.Json;
import io.sandbench.result.StartupIteration;
import io.sandbench.result.SeriesPoint;
import io.sandbench.result.StartupSample;
import io.sandbench.runtime.BootTimeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * The results database: one SQLite file holding every run (host, suite text), every unit
 * (parameters, runtime facts, result payload) and every raw sample. A unit is committed in one
 * transaction with its samples, so a run killed at any moment keeps everything that finished and
 * nothing half-written (SQLite's journal rolls an open transaction back).
 */
public final class ResultsDb implements AutoCloseable {
  static final int SCHEMA_VERSION = 1;
  private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final TypeReference<List<BootTimeline.Mark>> BOOT_MARKS =
      new TypeReference<>() {};

  private final Path path;
  private final Connection db;

  private ResultsDb(Path path, Connection db) {
    this.path = path;
    this.db = db;
  }

  /** Opens (creating when absent) the database at {@code path}; its directory must exist. */
  public static ResultsDb open(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    if (abs.getParent() != null && !Files.isDirectory(abs.getParent())) {
      throw new UserError("cannot open database " + path + ": directory " + abs.getParent()
          + " does not exist; create it or choose another --db");
    }
    if (Files.isDirectory(abs)) {
      throw new UserError("cannot open database " + path + ": it is a directory; give a file name");
    }
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(10_000);
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      // Writers take the write lock when they begin (and wait for it), so two processes on one
      // file (a suite, and `runs` or a test watching it) never deadlock upgrading a read lock.
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      Connection c = config.createConnection("jdbc:sqlite:" + abs);
      ResultsDb r = new ResultsDb(abs, c);
      r.createSchema();
      return r;
    } catch (SQLException e) {
      throw new UserError("cannot open database " + path + ": " + e.getMessage()
          + "; is it a sandbench database?");
    }
  }

  /** Opens an existing database only (for reading commands). */
  public static ResultsDb openExisting(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new UserError("no results database at " + path
          + "; run a suite first (sandbench suite FILE) or give --db");
    }
    return open(path);
  }

  public Path path() {
    return path;
  }

  private void createSchema() throws SQLException {
    try (Statement s = db.createStatement()) {
      boolean fresh;
      try (ResultSet rs = s.executeQuery(
          "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'")) {
        fresh = !rs.next();
      }
      if (fresh) {
        s.executeUpdate("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)");
      }
      try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key='schema'")) {
        if (rs.next()) {
          if (Integer.parseInt(rs.getString(1)) > SCHEMA_VERSION) {
            throw new UserError("database " + path + " was written by a newer sandbench (schema "
                + rs.getString(1) + "); use that version");
          }
          if (Integer.parseInt(rs.getString(1)) == SCHEMA_VERSION) {
            return; // in place: a reader opening the file writes nothing
          }
        }
      }
      db.setAutoCommit(false);
      s.executeUpdate("INSERT OR IGNORE INTO meta VALUES('schema','" + SCHEMA_VERSION + "')");
      s.executeUpdate("""
          CREATE TABLE IF NOT EXISTS run(
            id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,
            suite_name TEXT, suite_file TEXT, suite_text TEXT, tool TEXT, host_json TEXT)""");
      s.executeUpdate("""
          CREATE TABLE IF NOT EXISTS runtime_status(
            run_id TEXT NOT NULL, runtime TEXT NOT NULL, driver TEXT, available INTEGER,
            version TEXT, reason TEXT, PRIMARY KEY(run_id, runtime))""");
      s.executeUpdate("""
          CREATE TABLE IF NOT EXISTS scenario(
            run_id TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER, runtime TEXT, driver TEXT,
            workload TEXT, experiment TEXT, entry INTEGER, unit TEXT, parameters_json TEXT,
            status TEXT, reason TEXT, facts_json TEXT, result_json TEXT,
            started_at TEXT, finished_at TEXT, PRIMARY KEY(run_id, key))""");
      s.executeUpdate("""
          CREATE TABLE IF NOT EXISTS startup_sample(
            run_id TEXT NOT NULL, scenario_key TEXT NOT NULL, iteration INTEGER, warmup INTEGER,
            harness_cpu_us INTEGER, instance INTEGER, launch_offset_us INTEGER, ready_us INTEGER,
            probe_attempts INTEGER, failure TEXT, boot_json TEXT)""");
      s.executeUpdate("""
          CREATE INDEX IF NOT EXISTS startup_sample_key ON startup_sample(run_id, scenario_key)""");
      s.executeUpdate("""
          CREATE TABLE IF NOT EXISTS series_point(
            run_id TEXT NOT NULL, scenario_key TEXT NOT NULL, series TEXT NOT NULL,
            x REAL, y REAL)""");
      s.executeUpdate("""
          CREATE INDEX IF NOT EXISTS series_point_key ON series_point(run_id, scenario_key)""");
      db.commit();
    } catch (SQLException | RuntimeException e) {
      if (!db.getAutoCommit()) {
        db.rollback();
      }
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
  }

  // ---- writing

  public void createRun(StoredRun r) {
    tx(() -> {
      try (PreparedStatement p = db.prepareStatement(
          "INSERT INTO run VALUES(?,?,?,?,?,?,?,?,?)")) {
        p.setString(1, r.id());
        p.setString(2, r.startedAt().toString());
        p.setString(3, r.finishedAt() == null ? null : r.finishedAt().toString());
        p.setString(4, r.status());
        p.setString(5, r.suiteName());
        p.setString(6, r.suiteFile());
        p.setString(7, r.suiteText());
        p.setString(8, r.tool());
        p.setString(9, Json.write(r.host()));
        p.executeUpdate();
      }
    });
  }

  public void setRunStatus(String runId, String status, Instant finishedAt) {
    tx(() -> {
      try (PreparedStatement p =
          db.prepareStatement("UPDATE run SET status=?, finished_at=? WHERE id=?")) {
        p.setString(1, status);
        p.setString(2, finishedAt == null ? null : finishedAt.toString());
        p.setString(3, runId);
        p.executeUpdate();
      }
    });
  }

  public void recordRuntime(RuntimeStatus s) {
    tx(() -> {
      try (PreparedStatement p = db.prepareStatement(
          "INSERT OR REPLACE INTO runtime_status VALUES(?,?,?,?,?,?)")) {
        p.setString(1, s.runId());
        p.setString(2, s.runtime());
        p.setString(3, s.driver());
        p.setInt(4, s.available() ? 1 : 0);
        p.setString(5, s.version());
        p.setString(6, s.reason());
        p.executeUpdate();
      }
    });
  }

  /**
   * Commits one unit with its raw samples, all or nothing. A unit stored before under the same
   * key (a failed attempt, now resumed) is replaced.
   */
  public void saveScenario(
      StoredScenario s, List<StartupIteration> startup, List<SeriesPoint> series) {
    tx(() -> {
      deleteScenario(s.runId(), s.key());
      try (PreparedStatement p = db.prepareStatement(
          "INSERT INTO scenario VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        p.setString(1, s.runId());
        p.setString(2, s.key());
        p.setInt(3, s.seq());
        p.setString(4, s.runtime());
        p.setString(5, s.driver());
        p.setString(6, s.workload());
        p.setString(7, s.experiment());
        p.setInt(8, s.entry());
        p.setString(9, s.unit());
        p.setString(10, Json.write(s.parameters()));
        p.setString(11, s.status());
        p.setString(12, s.reason());
        p.setString(13, Json.write(s.facts()));
        p.setString(14, s.resultJson());
        p.setString(15, s.startedAt() == null ? null : s.startedAt().toString());
        p.setString(16, s.finishedAt() == null ? null : s.finishedAt().toString());
        p.executeUpdate();
      }
      try (PreparedStatement p = db.prepareStatement(
          "INSERT INTO startup_sample VALUES(?,?,?,?,?,?,?,?,?,?,?)")) {
        for (StartupIteration it : startup) {
          for (StartupSample x : it.samples()) {
            p.setString(1, s.runId());
            p.setString(2, s.key());
            p.setInt(3, it.index());
            p.setInt(4, it.warmup() ? 1 : 0);
            p.setLong(5, it.harnessCpuMicrosPerInstance());
            p.setInt(6, x.instance());
            p.setLong(7, x.launchOffsetMicros());
            if (x.readyMicros() == null) {
              p.setNull(8, Types.INTEGER);
            } else {
              p.setLong(8, x.readyMicros());
            }
            p.setInt(9, x.probeAttempts());
            p.setString(10, x.failure());
            p.setString(11, x.bootPhases() == null ? null : Json.write(x.bootPhases()));
            p.addBatch();
          }
        }
        p.executeBatch();
      }
      try (PreparedStatement p =
          db.prepareStatement("INSERT INTO series_point VALUES(?,?,?,?,?)")) {
        for (SeriesPoint pt : series) {
          p.setString(1, s.runId());
          p.setString(2, s.key());
          p.setString(3, pt.series());
          p.setDouble(4, pt.x());
          p.setDouble(5, pt.y());
          p.addBatch();
        }
        p.executeBatch();
      }
    });
  }

  private void deleteScenario(String runId, String key) throws SQLException {
    for (String sql : List.of(
        "DELETE FROM scenario WHERE run_id=? AND key=?",
        "DELETE FROM startup_sample WHERE run_id=? AND scenario_key=?",
        "DELETE FROM series_point WHERE run_id=? AND scenario_key=?")) {
      try (PreparedStatement p = db.prepareStatement(sql)) {
        p.setString(1, runId);
        p.setString(2, key);
        p.executeUpdate();
      }
    }
  }

  // ---- reading

  /** Keys of the units of {@code runId} that completed (failed ones are tried again on resume). */
  public Set<String> completedKeys(String runId) {
    Set<String> out = new LinkedHashSet<>();
    query("SELECT key FROM scenario WHERE run_id=? AND status='done' ORDER BY seq",
        List.of(runId), rs -> out.add(rs.getString(1)));
    return out;
  }

  public Optional<StoredRun> run(String runId) {
    List<StoredRun> out = new ArrayList<>();
    query("SELECT * FROM run WHERE id=?", List.of(runId), rs -> out.add(runRow(rs)));
    return out.stream().findFirst();
  }

  /** The id {@code latest} names: the run started last. */
  public static final String LATEST = "latest";

  /**
   * The run, or a one-line error. {@value #LATEST} is the run started last (the one a suite just
   * made).
   */
  public StoredRun requireRun(String runId) {
    if (runId.equals(LATEST)) {
      List<RunSummary> all = runs();
      if (all.isEmpty()) {
        throw new UserError("no runs in " + path + " yet; run a suite first: sandbench suite FILE");
      }
      runId = all.get(all.size() - 1).id();
    }
    String id = runId;
    return run(id).orElseThrow(() -> new UserError("no run '" + id + "' in " + path
        + "; see: sandbench runs --db " + path));
  }

  public List<RunSummary> runs() {
    List<RunSummary> out = new ArrayList<>();
    query("""
        SELECT r.id, r.started_at, r.finished_at, r.status, r.suite_name, r.host_json,
          (SELECT count(*) FROM scenario s WHERE s.run_id=r.id AND s.status='done'),
          (SELECT count(*) FROM scenario s WHERE s.run_id=r.id AND s.status='failed'),
          (SELECT count(*) FROM runtime_status t WHERE t.run_id=r.id AND t.available=0)
        FROM run r ORDER BY r.started_at, r.id""", List.of(), rs -> {
          Map<String, Object> host = Json.mapper().readValue(rs.getString(6), OBJECT_MAP);
          out.add(new RunSummary(rs.getString(1), Instant.parse(rs.getString(2)),
              instant(rs.getString(3)), rs.getString(4), rs.getString(5),
              String.valueOf(host.getOrDefault("hostname", "?")), rs.getInt(7), rs.getInt(8),
              rs.getInt(9)));
        });
    return out;
  }

  public List<StoredScenario> scenarios(String runId) {
    List<StoredScenario> out = new ArrayList<>();
    query("SELECT * FROM scenario WHERE run_id=? ORDER BY seq", List.of(runId), rs -> out.add(
        new StoredScenario(rs.getString("run_id"), rs.getString("key"), rs.getInt("seq"),
            rs.getString("runtime"), rs.getString("driver"), rs.getString("workload"),
            rs.getString("experiment"), rs.getInt("entry"), rs.getString("unit"),
            Json.mapper().readValue(rs.getString("parameters_json"), OBJECT_MAP),
            rs.getString("status"), rs.getString("reason"),
            Json.mapper().readValue(rs.getString("facts_json"), STRING_MAP),
            rs.getString("result_json"), instant(rs.getString("started_at")),
            instant(rs.getString("finished_at")))));
    return out;
  }

  public List<RuntimeStatus> runtimeStatuses(String runId) {
    List<RuntimeStatus> out = new ArrayList<>();
    query("SELECT * FROM runtime_status WHERE run_id=? ORDER BY rowid", List.of(runId),
        rs -> out.add(new RuntimeStatus(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getInt(4) == 1, rs.getString(5), rs.getString(6))));
    return out;
  }

  /** The raw startup samples of one unit, as the iterations they were measured in. */
  public List<StartupIteration> startupIterations(String runId, String key) {
    Map<Integer, List<StartupSample>> samples = new LinkedHashMap<>();
    Map<Integer, long[]> meta = new LinkedHashMap<>();
    query("""
        SELECT iteration, warmup, harness_cpu_us, instance, launch_offset_us, ready_us,
          probe_attempts, failure, boot_json FROM startup_sample WHERE run_id=? AND scenario_key=?
        ORDER BY warmup DESC, iteration, instance""", List.of(runId, key), rs -> {
          int it = rs.getInt(1) * (rs.getInt(2) == 1 ? -1 : 1);
          meta.putIfAbsent(it, new long[] {rs.getInt(1), rs.getInt(2), rs.getLong(3)});
          long ready = rs.getLong(6);
          Long readyOrNull = rs.wasNull() ? null : ready;
          String boot = rs.getString(9);
          samples.computeIfAbsent(it, k -> new ArrayList<>()).add(new StartupSample(
              rs.getInt(4), rs.getLong(5), readyOrNull, rs.getInt(7), rs.getString(8),
              boot == null ? null : Json.mapper().readValue(boot, BOOT_MARKS)));
        });
    List<StartupIteration> out = new ArrayList<>();
    samples.forEach((k, list) -> {
      long[] m = meta.get(k);
      out.add(new StartupIteration((int) m[0], m[1] == 1, m[2], list));
    });
    return out;
  }

  public List<SeriesPoint> series(String runId, String key) {
    List<SeriesPoint> out = new ArrayList<>();
    query("SELECT series, x, y FROM series_point WHERE run_id=? AND scenario_key=? ORDER BY rowid",
        List.of(runId, key), rs -> out.add(new SeriesPoint(rs.getString(1), rs.getDouble(2),
            rs.getDouble(3))));
    return out;
  }

  // ---- merging

  /** What a merge did: the runs copied in, and those already present (by id) and left alone. */
  public record MergeOutcome(List<String> added, List<String> alreadyPresent) {}

  /**
   * Copies every run of {@code other} that this database does not hold yet, with all its rows,
   * in one transaction. Run ids are random, so runs from different hosts never collide; a run
   * present in both is the same run (merged before) and is skipped.
   */
  public MergeOutcome mergeFrom(Path other) {
    if (!Files.isRegularFile(other)) {
      throw new UserError("no database at " + other + "; give the path of a sandbench .db file");
    }
    try (ResultsDb src = open(other)) {
      src.db.getAutoCommit(); // it is a sandbench database: its schema was checked and created
    } catch (SQLException e) {
      throw new UserError("cannot read " + other + ": " + e.getMessage());
    }
    List<String> added = new ArrayList<>();
    List<String> present = new ArrayList<>();
    try (Statement s = db.createStatement()) {
      db.setAutoCommit(true);
      try (PreparedStatement a = db.prepareStatement("ATTACH DATABASE ? AS src")) {
        a.setString(1, other.toAbsolutePath().toString());
        a.execute();
      }
      db.setAutoCommit(false);
      try {
        try (ResultSet rs = s.executeQuery(
            "SELECT id, id IN (SELECT id FROM main.run) FROM src.run ORDER BY started_at")) {
          while (rs.next()) {
            (rs.getInt(2) == 1 ? present : added).add(rs.getString(1));
          }
        }
        String fresh = "run_id NOT IN (SELECT id FROM main.run)";
        s.executeUpdate("INSERT INTO main.runtime_status SELECT * FROM src.runtime_status WHERE " + fresh);
        s.executeUpdate("INSERT INTO main.scenario SELECT * FROM src.scenario WHERE " + fresh);
        s.executeUpdate("INSERT INTO main.startup_sample SELECT * FROM src.startup_sample WHERE " + fresh);
        s.executeUpdate("INSERT INTO main.series_point SELECT * FROM src.series_point WHERE " + fresh);
        s.executeUpdate(
            "INSERT INTO main.run SELECT * FROM src.run WHERE id NOT IN (SELECT id FROM main.run)");
        db.commit();
      } catch (SQLException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
        s.execute("DETACH DATABASE src");
      }
    } catch (SQLException e) {
      throw new UserError("cannot merge " + other + " into " + path + ": " + e.getMessage());
    }
    return new MergeOutcome(added, present);
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException ignored) {
      // Every write was committed or rolled back already.
    }
  }

  // ---- plumbing

  private interface SqlWork {
    void run() throws Exception;
  }

  private interface RowReader {
    void read(ResultSet rs) throws Exception;
  }

  /**
   * One write transaction. Outside it the connection is in auto-commit, so that reads never hold
   * a lock open between statements.
   */
  private void tx(SqlWork work) {
    try {
      db.setAutoCommit(false);
      try {
        work.run();
        db.commit();
      } catch (Exception e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (UserError e) {
      throw e;
    } catch (Exception e) {
      throw new UserError("cannot write to database " + path + ": " + e.getMessage()
          + "; check free space and permissions", e);
    }
  }

  private void query(String sql, List<String> args, RowReader reader) {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        p.setString(i + 1, args.get(i));
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    } catch (UserError e) {
      throw e;
    } catch (Exception e) {
      throw new UserError("cannot read database " + path + ": " + e.getMessage());
    }
  }

  private static StoredRun runRow(ResultSet rs) throws Exception {
    return new StoredRun(rs.getString("id"), Instant.parse(rs.getString("started_at")),
        instant(rs.getString("finished_at")), rs.getString("status"), rs.getString("suite_name"),
        rs.getString("suite_file"), rs.getString("suite_text"), rs.getString("tool"),
        Json.mapper().readValue(rs.getString("host_json"), OBJECT_MAP));
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
