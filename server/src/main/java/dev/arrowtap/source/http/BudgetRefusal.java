package dev.arrowtap.source.http;

import dev.arrowtap.metrics.RequestAllowance;

/**
 * A request that was not sent because it would pass the query's {@code max_requests}: the query
 * fails with SQLState 54000 instead, naming the budget and the estimate.
 */
final class BudgetRefusal extends HttpFailure {
  private static final long serialVersionUID = 1L;

  private BudgetRefusal(String message) {
    super(message, 0, 0, null);
  }

  static BudgetRefusal of(RequestAllowance allowance) {
    String estimate =
        allowance.estimate() > 0
            ? "the query was estimated at " + allowance.estimate() + " requests"
            : "the query's requests could not be estimated";
    return new BudgetRefusal(
        "not sent: the query has sent "
            + allowance.claimed()
            + " HTTP requests, max_requests = "
            + allowance.max()
            + " ("
            + estimate
            + "); raise max_requests or narrow the query");
  }
}
