package io.sandbench.measure;

import io.sandbench.UserError;
import io.sandbench.exec.Cleanups;
import io.sandbench.host.Host;
import io.sandbench.runtime.Availability;
import io.sandbench.runtime.Runtime;
import io.sandbench.runtime.Runtimes;
import io.sandbench.scenario.ExperimentSpec;
import io.sandbench.scenario.StartupSpec;
import io.sandbench.scenario.Suite;
import io.sandbench.scenario.SuiteRuntime;
import io.sandbench.scenario.Workload;
import io.sandbench.scenario.Workloads;
import io.sandbench.store.ResultsDb;
import io.sandbench.store.RuntimeStatus;
import io.sandbench.store.StoredRun;
import io.sandbench.store.StoredScenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a suite into the results database: for every runtime (skipped, with the reason, when it
 * cannot run here), every workload and every experiment unit, one session per runtime × workload,
 * one committed row per unit. Units already done in the run are not run again, which is how an
 * interrupted run resumes.
 */
public final class SuiteRunner {
  /** The experiment kinds this build runs. A kind missing here fails its units with the reason. */
  private static final Map<String, UnitExperiment> KINDS = new LinkedHashMap<>();

  static {
    KINDS.put("startup", new StartupUnit());
    KINDS.put("memory", new MemoryUnit());
    KINDS.put("monitor", new MonitorUnit());
  }

  private final Suite suite;
  private final ResultsDb db;
  private final String runId;
  private final Consumer<String> progress;

  /** One unit to run, in order; {@code seq} orders units in the database and the report. */
  record Planned(int seq, SuiteRuntime runtime, String workload, ExperimentSpec spec,
      ExperimentSpec.Unit unit) {
    String key() {
      return StoredScenario.key(runtime.label(), workload, spec.kind(), spec.entry(), unit.key());
    }
  }

  /** What a suite run did. */
  public record Outcome(int ran, int alreadyDone, int failed, int skippedRuntimes) {}

  public SuiteRunner(Suite suite, ResultsDb db, String runId, Consumer<String> progress) {
    this.suite = suite;
    this.db = db;
    this.runId = runId;
    this.progress = progress;
  }

  /** Every unit of the suite in run order: runtime, then workload, then experiment entry. */
  public static List<Planned> plan(Suite suite) {
    List<Planned> out = new ArrayList<>();
    for (SuiteRuntime r : suite.runtimes()) {
      for (String w : suite.workloads()) {
        for (ExperimentSpec spec : suite.experiments()) {
          for (ExperimentSpec.Unit u : spec.units()) {
            out.add(new Planned(out.size(), r, w, spec, u));
          }
        }
      }
    }
    return out;
  }

  /** Starts a new run of the suite. */
  public static String start(Suite suite, ResultsDb db, Host host) {
    String id = io.sandbench.store.RunIds.next();
    db.createRun(new StoredRun(id, Instant.now(), null, StoredRun.RUNNING, suite.name(),
        suite.file(), suite.text(), "sandbench " + io.sandbench.Version.current(), host.toMap()));
    return id;
  }

  public Outcome run() throws InterruptedException {
    List<Planned> all = plan(suite);
    Set<String> done = db.completedKeys(runId);
    Host host = Host.detect();
    int ran = 0;
    int failed = 0;
    int skipped = 0;
    int total = all.size();
    int position = 0;
    for (SuiteRuntime r : suite.runtimes()) {
      List<Planned> mine = all.stream().filter(p -> p.runtime().equals(r)).toList();
      List<Planned> pending = mine.stream().filter(p -> !done.contains(p.key())).toList();
      position += mine.size() - pending.size();
      if (pending.isEmpty()) {
        continue;
      }
      Availability a = availability(r, host);
      db.recordRuntime(new RuntimeStatus(runId, r.label(), r.name(), a.available(), a.version(),
          a.available() ? "" : a.explain(r.name())));
      if (!a.available()) {
        progress.accept("skipped " + r.label() + ": " + a.explain(r.name()));
        skipped++;
        position += pending.size();
        continue;
      }
      for (String w : suite.workloads()) {
        List<Planned> units = pending.stream().filter(p -> p.workload().equals(w)).toList();
        if (units.isEmpty()) {
          continue;
        }
        Workload workload = Workloads.named(w, suite.command());
        Session session;
        try {
          session = Session.open(r.name(), workload, r.options(), suite.basePort());
        } catch (Cleanups.Stopping e) {
          throw e;
        } catch (RuntimeException e) {
          // One runtime that cannot be prepared (bad options, a driver's bug) must not end the
          // suite: its units are recorded as failed, with why, and resume tries them again.
          String why = e instanceof UserError ? e.getMessage()
              : e.getClass().getSimpleName() + ": " + e.getMessage();
          progress.accept("cannot prepare " + r.label() + " for " + w + ": " + why);
          for (Planned p : units) {
            save(p, Instant.now(), UnitOutcome.failed(why));
            failed++;
            position++;
          }
          continue;
        }
        try (session) {
          boolean first = true;
          for (Planned p : units) {
            position++;
            if (!first && p.spec() instanceof StartupSpec s) {
              Thread.sleep(s.cooldown().toMillis());
            }
            first = false;
            String label = String.format("[%d/%d] %s", position, total, describe(p));
            progress.accept(label + " ...");
            Instant started = Instant.now();
            UnitOutcome o = runUnit(session, p, m -> progress.accept(label + ": " + m));
            save(p, started, o);
            progress.accept(String.format(java.util.Locale.ROOT, "%s: committed after %.1f s",
                label, java.time.Duration.between(started, Instant.now()).toMillis() / 1000.0));
            if (o.skipped()) {
              progress.accept(label + ": skipped: " + o.failure());
            } else if (o.failure() != null) {
              progress.accept(label + ": failed: " + o.failure());
              failed++;
            } else {
              ran++;
            }
          }
        }
      }
    }
    db.setRunStatus(runId, StoredRun.FINISHED, Instant.now());
    return new Outcome(ran, done.size(), failed, skipped);
  }

  private static Availability availability(SuiteRuntime r, Host host) {
    if (!Runtimes.names().contains(r.name())) {
      return Availability.missing("this build of sandbench has no " + r.name() + " driver yet",
          "update sandbench");
    }
    Runtime runtime = Runtimes.named(r.name());
    try {
      return runtime.probe(host);
    } catch (RuntimeException e) {
      return Availability.missing("its probe failed: " + e.getMessage(), "");
    }
  }

  private static UnitOutcome runUnit(Session session, Planned p, Consumer<String> progress)
      throws InterruptedException {
    UnitExperiment kind = KINDS.get(p.spec().kind());
    if (kind == null) {
      return UnitOutcome.skipped("this build of sandbench cannot run the " + p.spec().kind()
          + " experiment yet");
    }
    try {
      return kind.run(session, p.spec(), p.unit(), progress);
    } catch (UserError e) {
      return UnitOutcome.failed(e.getMessage());
    } catch (Cleanups.Stopping e) {
      throw e; // Ctrl-C: the unit is not finished, and is not a failure to record
    } catch (RuntimeException e) {
      return UnitOutcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void save(Planned p, Instant started, UnitOutcome o) {
    Map<String, Object> parameters = new LinkedHashMap<>(p.spec().describe());
    parameters.putAll(p.unit().parameters());
    parameters.put("basePort", suite.basePort());
    parameters.put("runtimeOptions", p.runtime().options());
    db.saveScenario(new StoredScenario(runId, p.key(), p.seq(), p.runtime().label(),
        p.runtime().name(), p.workload(), p.spec().kind(), p.spec().entry(), p.unit().key(),
        parameters, o.skipped() ? StoredScenario.SKIPPED
            : o.failure() == null ? StoredScenario.DONE : StoredScenario.FAILED,
        o.failure(), o.facts(), o.resultJson(), started, Instant.now()), o.startup(), o.series());
  }

  private static String describe(Planned p) {
    String what = switch (p.spec().kind()) {
      case "startup" -> "startup, " + p.unit().parameters().get("instances") + " instances, stagger "
          + p.unit().parameters().get("stagger");
      default -> p.spec().kind();
    };
    return p.runtime().label() + " " + p.workload() + " " + what;
  }
}
