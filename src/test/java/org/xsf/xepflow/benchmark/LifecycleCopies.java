package org.xsf.xepflow.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Multiplies the XEP lifecycles of a PostgreSQL database by copying their rows in SQL (engine
 * runtime and history, byte arrays, xepflow's tables): driving 100,000 lifecycles through the
 * engine would take half a day. Rows present at {@link #markTemplatesFromHere()} (deployments,
 * users, groups' authorizations, filters) stay shared; rows added after it are the templates.
 *
 * <p>Copy k maps every engine id found in a template row by replacing the node field of its UUID
 * (its last 12 characters), so that ids keep their length (activity instance ids already fill
 * their 64-character columns); XEP numbers and numeric business keys move by k times the number
 * of template XEPs, xepflow's generated ids by k times (a little more than) their largest, unique
 * names get a suffix.
 * Foreign keys are not checked while copying (session_replication_role = replica): a copy refers
 * only to itself and to shared rows. The copies are for reading: their process variables still
 * name their template's XEP and vote.
 */
final class LifecycleCopies implements AutoCloseable {
  /** Rows of the whole database, not of a lifecycle: the numbering's one row is made by the first acceptance. */
  private static final Set<String> NOT_LIFECYCLES = Set.of("act_ge_property", "act_ge_schema_log",
      "act_ru_meter_log", "act_ru_task_meter_log", "xf_xep_numbering");
  private static final String MARK = "chr(1)";
  private final Connection db;

  record Column(String name, String type) {
    boolean text() {
      return type.equals("character varying") || type.equals("text");
    }
  }

  record Table(String name, String key, List<Column> columns) {
  }

  LifecycleCopies(String url) throws SQLException {
    this.db = DriverManager.getConnection(url, "postgres", "");
  }

  /** Records the primary keys present now: what is added after this are the templates. */
  void markTemplatesFromHere() throws SQLException {
    for (Table table : tables()) {
      execute("create table xs_before_" + table.name + " as select " + table.key + "::text as key from " + table.name);
    }
  }

  /**
   * Adds copies 1 to copies - 1 of the templates, so that the database holds copies times their
   * lifecycles; returns the number of template XEPs.
   */
  int copy(int copies, java.io.PrintStream log) throws SQLException {
    List<Table> staged = stage();
    Set<String> idColumns = markIds(staged);
    int xeps = (int) single("select count(*) from xs_template_xf_xep");
    long first = single("select min(number) from xs_template_xf_xep");
    long last = first + xeps - 1;
    if (xeps == 0 || single("select max(number) from xs_template_xf_xep") != last
        || single("select count(*) from xf_xep where number > " + last) > 0) {
      // copy k's numbers are the templates' plus k times their count
      throw new IllegalStateException("The template XEPs must be numbered " + first + " to " + last
          + ", the last XEPs of their database");
    }
    // Above every id given out so far, and every id the running application may hold in memory
    // (Hibernate takes ids from its sequences in blocks of 50).
    long idStride = 100 + Math.max(single("select max(last_value) from pg_sequences where sequencename like 'xf\\_%'"),
        staged.stream().filter(t -> t.name.startsWith("xf_")).flatMap(t -> t.columns.stream()
            .filter(LifecycleCopies::xepflowId).map(c -> "select coalesce(max(" + c.name + "), 0) from xs_template_" + t.name))
            .mapToLong(this::single).max().orElse(0));
    Set<String> uniqueNames = uniqueNames();

    int chunk = Math.max(1, copies / 20);
    long start = System.nanoTime();
    for (int from = 1; from < copies; from += chunk) {
      int to = Math.min(copies - 1, from + chunk - 1);
      db.setAutoCommit(false);
      execute("set local session_replication_role = replica");
      for (Table table : staged) {
        String columns = table.columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String values = table.columns.stream()
            .map(c -> copied(table, c, idColumns, uniqueNames, xeps, idStride)).collect(Collectors.joining(", "));
        execute("insert into " + table.name + " (" + columns + ") select " + values + " from xs_template_" + table.name
            + ", generate_series(" + from + ", " + to + ") as xs(k)");
      }
      db.commit();
      db.setAutoCommit(true);
      log.printf("copies %d-%d of %d: %d XEPs, %s, %.0f s%n", from, to, copies - 1, (long) (to + 1) * xeps,
          text("select pg_size_pretty(pg_database_size(current_database()))"), (System.nanoTime() - start) / 1e9);
    }
    for (Table table : staged) {
      execute("drop table xs_template_" + table.name);
    }
    execute("drop table xs_ids");
    for (Table table : staged) {
      if (table.name.startsWith("xf_") && single("select count(*) from pg_class where relname = '" + table.name + "_seq'") > 0) {
        execute("select setval('" + table.name + "_seq', (select max(" + table.key + ") + 100 from " + table.name + "))");
      }
    }
    execute("analyze");
    return xeps;
  }

  /** The template rows of each table, in tables of their own with the engine's ids as text. */
  private List<Table> stage() throws SQLException {
    List<Table> staged = new ArrayList<>();
    for (Table table : tables()) {
      execute("create table xs_template_" + table.name + " as select * from " + table.name + " where " + table.key
          + "::text not in (select key from xs_before_" + table.name + ")");
      execute("drop table xs_before_" + table.name);
      if (single("select count(*) from xs_template_" + table.name) == 0) {
        execute("drop table xs_template_" + table.name);
      } else {
        staged.add(table);
      }
    }
    return staged;
  }

  /**
   * Marks, in every text column, the values that are ids of template rows, and returns the columns
   * that hold any (as table.column).
   */
  private Set<String> markIds(List<Table> staged) throws SQLException {
    execute("create table xs_ids (id text primary key)");
    for (Table table : staged) {
      if (table.columns.stream().anyMatch(c -> c.name.equals(table.key) && c.text())) {
        execute("insert into xs_ids select " + table.key + " from xs_template_" + table.name + " on conflict do nothing");
      }
    }
    String odd = text("select min(id) from xs_ids where id !~ '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'");
    if (odd != null) {
      throw new IllegalStateException("Not a UUID, cannot be copied: " + odd);
    }
    Set<String> idColumns = new HashSet<>();
    for (Table table : staged) {
      for (Column column : table.columns) {
        if (column.text() && !column.name.equals("business_key_")) {
          String target = "xs_template_" + table.name;
          execute("alter table " + target + " alter column " + column.name + " type text");
          try (Statement statement = db.createStatement()) {
            if (statement.executeUpdate("update " + target + " set " + column.name + " = " + MARK + " || " + column.name
                + " where " + column.name + " in (select id from xs_ids)") > 0) {
              idColumns.add(table.name + "." + column.name);
            }
          }
        }
      }
    }
    return idColumns;
  }

  /** The SQL expression of a column's value in copy xs.k. */
  private static String copied(Table table, Column column, Set<String> idColumns, Set<String> uniqueNames, int xeps,
      long idStride) {
    String name = column.name;
    if (idColumns.contains(table.name + "." + name)) {
      return "case when left(" + name + ", 1) = " + MARK + " then substr(" + name + ", 2, length(" + name
          + ") - 13) || 'f' || lpad(to_hex(xs.k), 11, '0') else " + name + " end";
    }
    if (uniqueNames.contains(table.name + "." + name)) {
      return name + " || '~' || xs.k";
    }
    if (name.equals("business_key_")) {
      return "case when " + name + " ~ '^[0-9]+$' then (" + name + "::bigint + xs.k * " + xeps + ")::text else " + name + " end";
    }
    if (table.name.startsWith("xf_") && (name.equals("number") || name.equals("xep_number"))) {
      return name + " + xs.k * " + xeps;
    }
    if (table.name.startsWith("xf_") && xepflowId(column)) {
      return name + " + xs.k * " + idStride;
    }
    return name;
  }

  private static boolean xepflowId(Column column) {
    return column.type.equals("bigint") && (column.name.equals("id") || column.name.endsWith("_id"));
  }

  /** xepflow's text columns with a unique constraint of their own (e.g. a ProtoXEP's inbox name). */
  private Set<String> uniqueNames() throws SQLException {
    Set<String> names = new HashSet<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
        "select c.conrelid::regclass::text, a.attname from pg_constraint c join pg_attribute a"
            + " on a.attrelid = c.conrelid and a.attnum = c.conkey[1] where c.contype = 'u'"
            + " and cardinality(c.conkey) = 1 and c.conrelid::regclass::text like 'xf\\_%'"
            + " and a.atttypid in ('varchar'::regtype, 'text'::regtype)")) {
      while (rows.next()) {
        names.add(rows.getString(1) + "." + rows.getString(2));
      }
    }
    return names;
  }

  /** The engine's and xepflow's tables that hold lifecycles, with their single-column primary keys. */
  private List<Table> tables() throws SQLException {
    List<Table> tables = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
        "select t.relname, min(a.attname) from pg_constraint c join pg_class t on t.oid = c.conrelid"
            + " join pg_attribute a on a.attrelid = t.oid and a.attnum = c.conkey[1]"
            + " where c.contype = 'p' and t.relnamespace = 'public'::regnamespace and (t.relname like 'act\\_%'"
            + " or t.relname like 'xf\\_%') group by t.relname having max(cardinality(c.conkey)) = 1 order by 1")) {
      while (rows.next()) {
        if (!NOT_LIFECYCLES.contains(rows.getString(1))) {
          tables.add(new Table(rows.getString(1), rows.getString(2), new ArrayList<>()));
        }
      }
    }
    for (Table table : tables) {
      try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
          "select column_name, data_type from information_schema.columns where table_schema = 'public'"
              + " and table_name = '" + table.name + "' order by ordinal_position")) {
        while (rows.next()) {
          table.columns.add(new Column(rows.getString(1), rows.getString(2)));
        }
      }
    }
    return tables;
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute(sql);
    }
  }

  private long single(String sql) {
    String value = text(sql);
    return value == null ? 0 : Long.parseLong(value);
  }

  private String text(String sql) {
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
