package org.xsf.xepflow.lifecycle;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepRepository;

/**
 * "Set the expiration date" (XEP-0001 section 11): the date the Council chose ({@code expiresOn},
 * yyyy-mm-dd, from a form) or, for interim XEPs, the diagram's {@code period} from now. Without
 * either the XEP has no expiration date.
 */
@Component("setExpirationDate")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class SetExpirationDate implements JavaDelegate {
  private final XepRepository xeps;
  private final Deadlines deadlines;
  private Expression period;

  public SetExpirationDate(XepRepository xeps, Deadlines deadlines) {
    this.xeps = xeps;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LifecycleVariables vars = new LifecycleVariables(execution);
    String chosen = vars.string("expiresOn");
    Date expires = chosen != null && !chosen.isBlank() ? day(chosen.trim())
        : period == null ? null : deadlines.after(deadlines.now(), String.valueOf(period.getValue(execution)));
    Xep xep = xeps.findById(vars.xepNumber()).orElseThrow();
    xep.expire(expires == null ? null : expires.toInstant(), vars.flag("interim"));
    execution.setVariable("expires", expires);
    execution.removeVariable("expiresOn");
  }

  private static Date day(String chosen) {
    try {
      // a date field may send the time after the day
      String day = chosen.length() > 10 ? chosen.substring(0, 10) : chosen;
      return Date.from(LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("The expiration date is a day such as 2027-12-31, not '" + chosen + "'.");
    }
  }

  public void setPeriod(Expression period) {
    this.period = period;
  }
}
