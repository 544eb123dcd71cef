package org.xsf.xepflow.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A value per Spring transaction, against Spring's own transaction manager over a real database. */
class TransactionScopedTest {
  private final DataSourceTransactionManager transactions = new DataSourceTransactionManager(database());
  private final TransactionTemplate required = new TransactionTemplate(transactions);
  private final TransactionTemplate requiresNew = template(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  private final AtomicInteger made = new AtomicInteger();
  private final List<String> events = new ArrayList<>();

  @Test
  void eachTransactionHasOneValueAndOneStartedInsideItHasItsOwn() {
    TransactionScoped<String> scoped = new TransactionScoped<>(() -> "value " + made.incrementAndGet());
    assertThat(scoped.current()).isNull();

    required.executeWithoutResult(outer -> {
      assertThat(scoped.current()).isEqualTo("value 1").isSameAs(scoped.current());
      // a transaction that takes part in this one shares its value
      required.executeWithoutResult(joined -> assertThat(scoped.current()).isEqualTo("value 1"));
      requiresNew.executeWithoutResult(inner -> assertThat(scoped.current()).isEqualTo("value 2"));
      template(TransactionDefinition.PROPAGATION_NOT_SUPPORTED)
          .executeWithoutResult(none -> assertThat(scoped.current()).isEqualTo("value 3"));
      assertThat(scoped.current()).isEqualTo("value 1");
    });

    assertThat(scoped.current()).isNull();
    assertThat(TransactionSynchronizationManager.getResource(scoped)).isNull();
    String next = required.execute(tx -> scoped.current());
    assertThat(next).isEqualTo("value 4");
  }

  @Test
  void eachValueIsToldHowItsTransactionEnded() {
    TransactionScoped<String> scoped = new TransactionScoped<>(() -> "value " + made.incrementAndGet(), this::recording);

    required.executeWithoutResult(outer -> {
      scoped.current();
      requiresNew.executeWithoutResult(inner -> {
        scoped.current();
        inner.setRollbackOnly();
      });
    });

    assertThat(events).containsExactly("value 2 rolled back", "value 1 before commit", "value 1 committed");
  }

  private TransactionSynchronization recording(String value) {
    return new TransactionSynchronization() {
      @Override
      public void beforeCommit(boolean readOnly) {
        events.add(value + " before commit");
      }

      @Override
      public void afterCompletion(int status) {
        events.add(value + (status == STATUS_COMMITTED ? " committed" : " rolled back"));
      }
    };
  }

  private TransactionTemplate template(int propagation) {
    TransactionTemplate template = new TransactionTemplate(transactions);
    template.setPropagationBehavior(propagation);
    return template;
  }

  private static JdbcDataSource database() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:transaction-scoped;DB_CLOSE_DELAY=-1");
    return dataSource;
  }
}
