package org.xsf.xepflow.lifecycle;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Date arithmetic for timers in the diagrams, so that periods stay in the diagram while the date
 * they count from comes from the XEP: {@code ${deadlines.after(inactiveSince, 'P12M')}}. Periods
 * are ISO-8601 (P14D, P6M, P12M, PT1H).
 */
@Component("deadlines")
public class Deadlines {

  public Date now() {
    return ClockUtil.getCurrentTime();
  }

  public Date after(Date base, String period) {
    return shift(base, period, 1);
  }

  public Date before(Date base, String period) {
    return shift(base, period, -1);
  }

  public Date afterDays(Date base, Number days) {
    return Date.from(base.toInstant().plus(Duration.ofDays(days.longValue())));
  }

  /** A date as announcements write it: 2026-12-08. */
  public String format(Date date) {
    return date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  private static Date shift(Date base, String period, int sign) {
    var time = base.toInstant().atOffset(ZoneOffset.UTC);
    if (period.contains("T")) {
      Duration duration = Duration.parse(period);
      return Date.from((sign > 0 ? time.plus(duration) : time.minus(duration)).toInstant());
    }
    Period days = Period.parse(period);
    return Date.from((sign > 0 ? time.plus(days) : time.minus(days)).toInstant());
  }
}
