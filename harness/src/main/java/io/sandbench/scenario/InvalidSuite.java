package io.sandbench.scenario;

import io.sandbench.UserError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A suite file with errors: every one of them, one line each, so the user fixes them all in one
 * go. Nothing has run when this is thrown.
 */
public final class InvalidSuite extends UserError {
  private final List<SuiteError> errors;

  public InvalidSuite(List<SuiteError> errors) {
    super(errors.stream().map(SuiteError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<SuiteError> errors() {
    return errors;
  }
}
