package io.sandbench.measure;

import io.sandbench.scenario.ExperimentSpec;
import java.util.function.Consumer;

/**
 * Runs one unit of one experiment kind on a session a suite opened. One implementation per kind,
 * registered in {@link SuiteRunner}; a kind plugs into suites, the database and the report through
 * this and nothing else.
 */
public interface UnitExperiment {
  UnitOutcome run(Session session, ExperimentSpec spec, ExperimentSpec.Unit unit,
      Consumer<String> progress) throws InterruptedException;
}
