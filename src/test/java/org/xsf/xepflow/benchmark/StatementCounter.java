package org.xsf.xepflow.benchmark;

import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Wraps the application's DataSource: every SQL statement the engine, MyBatis or Hibernate send is counted. */
final class StatementCounter implements BeanPostProcessor {
  private final AtomicLong statements = new AtomicLong();

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
      return ProxyDataSourceBuilder.create(dataSource).name(beanName)
          .afterQuery((execution, queries) -> statements.addAndGet(queries.size())).build();
    }
    return bean;
  }

  long count() {
    return statements.get();
  }
}
