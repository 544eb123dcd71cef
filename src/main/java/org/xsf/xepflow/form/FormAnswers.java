package org.xsf.xepflow.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.xsf.xepflow.document.XmlText;

/**
 * What a Camunda Form accepts, read from its schema, for the engine to hold any submission to:
 * Tasklist's own checks run in the browser, and the REST APIs take whatever a client sends. A choice
 * must be one of its options (and made, unless a condition can hide it or it has a default), a
 * checkbox true or false, a number within its {@code min} and {@code max}, a text a String (not a
 * value of another type) with only characters XML allows, no longer than its {@code maxLength} and,
 * when given, in the form of its {@code pattern}. Nothing but its fields may be sent with it
 * ({@link #asks}, {@link FormFieldsOnly}).
 */
public final class FormAnswers {
  static final FormAnswers NONE = new FormAnswers(List.of(), Set.of());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHOWN = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
  /** The FEEL engine of Camunda's DMN engine, for the forms' conditions. */
  private static final FeelEngine FEEL = new ScalaFeelEngineFactory().createInstance();

  private final List<Field> fields;
  /** Fields the form only shows (read-only or disabled). */
  private final Set<String> readOnly;

  private FormAnswers(List<Field> fields, Set<String> readOnly) {
    this.fields = fields;
    this.readOnly = readOnly;
  }

  /**
   * A form field, {@code requiredWhenShown} once none of {@code hiddenWhen} hides it: the FEEL
   * conditions of it and of the components around it.
   */
  private record Field(String key, String label, String type, List<String> options, boolean requiredWhenShown,
      List<String> hiddenWhen, Integer maxLength, Pattern pattern, String description, BigDecimal min, BigDecimal max,
      Integer decimals) {
    /** Required whatever else is answered: no condition can hide it. */
    boolean required() {
      return requiredWhenShown && hiddenWhen.isEmpty();
    }
  }

  static FormAnswers read(byte[] schema) {
    try {
      List<Field> fields = new ArrayList<>();
      Set<String> readOnly = new HashSet<>();
      collect(JSON.readTree(schema), List.of(), fields, readOnly);
      return new FormAnswers(List.copyOf(fields), Set.copyOf(readOnly));
    } catch (IOException e) {
      throw new UncheckedIOException("A deployed form is not JSON", e);
    }
  }

  private static void collect(JsonNode container, List<String> hiddenWhen, List<Field> fields, Set<String> readOnly) {
    for (JsonNode component : container.path("components")) {
      List<String> hidable = new ArrayList<>(hiddenWhen);
      String hide = component.path("conditional").path("hide").asText("");
      if (!hide.isBlank()) {
        hidable.add(hide.startsWith("=") ? hide.substring(1) : hide);
      }
      String key = component.path("key").asText(null);
      if (key != null && (component.path("readonly").asBoolean() || component.path("disabled").asBoolean())) {
        readOnly.add(key);
      } else if (key != null) {
        JsonNode validate = component.path("validate");
        List<String> options = StreamSupport.stream(component.path("values").spliterator(), false)
            .map(option -> option.path("value").asText()).toList();
        String type = component.path("type").asText();
        // Tasklist sends every checkbox it shows, ticked or not; a default answers a field left out
        boolean requiredWhenShown = (validate.path("required").asBoolean() || type.equals("checkbox"))
            && !component.has("defaultValue");
        fields.add(new Field(key, component.path("label").asText(key), type, options, requiredWhenShown,
            List.copyOf(hidable),
            validate.has("maxLength") ? validate.path("maxLength").asInt() : null,
            validate.has("pattern") ? asInTheBrowser(validate.path("pattern").asText()) : null,
            component.path("description").asText(null),
            validate.has("min") ? validate.path("min").decimalValue() : null,
            validate.has("max") ? validate.path("max").decimalValue() : null,
            component.has("decimalDigits") ? component.path("decimalDigits").asInt() : null));
      }
      collect(component, hidable, fields, readOnly);
    }
  }

  /** Whether the form asks for this field: a person may send it. */
  public boolean asks(String name) {
    return fields.stream().anyMatch(field -> field.key().equals(name));
  }

  /**
   * Whether the form only shows this field: Tasklist sends it back (a read-only textarea with nothing
   * in it as "", a textfield's line breaks as spaces), but it is not the person's answer.
   */
  public boolean shows(String name) {
    return readOnly.contains(name);
  }

  /** Why the answers (a variable's value by its name) are not what the form accepts, if they are not. */
  public Optional<String> refusal(Function<String, Object> answers) {
    for (Field field : fields) {
      // the label, with the variables it shows, only for a refusal: not on every completion
      Optional<String> refused = refusal(field, () -> quoted(field, answers), answers.apply(field.key()));
      if (refused.isPresent()) {
        return refused;
      }
    }
    return Optional.empty();
  }

  /**
   * Why a person's answers, as sent and before any step's listener has run, leave unanswered a field
   * the form requires once it shows it (the comments for the author once the document goes back), if
   * they do: the form's FEEL conditions evaluated as Tasklist evaluates them.
   */
  public Optional<String> unanswered(Function<String, Object> answers) {
    for (Field field : fields) {
      if (field.requiredWhenShown() && !field.hiddenWhen().isEmpty() && blank(answers.apply(field.key()))
          && !hidden(field, answers)) {
        return Optional.of(needsAnswer(field, quoted(field, answers)));
      }
    }
    return Optional.empty();
  }

  private boolean hidden(Field field, Function<String, Object> answers) {
    // Tasklist evaluates a condition on the step's variables, not only its fields (the XEP's status)
    VariableContext known = new VariableContext() {
      @Override
      public TypedValue resolve(String name) {
        return Variables.untypedValue(answers.apply(name));
      }

      @Override
      public boolean containsVariable(String name) {
        return true;
      }

      @Override
      public Set<String> keySet() {
        return Set.of();
      }
    };
    return field.hiddenWhen().stream().anyMatch(condition ->
        Boolean.TRUE.equals(FEEL.evaluateSimpleExpression(condition, known)));
  }

  private static String quoted(Field field, Function<String, Object> answers) {
    return "\"" + SHOWN.matcher(field.label())
        .replaceAll(shown -> Matcher.quoteReplacement(String.valueOf(answers.apply(shown.group(1))))) + "\"";
  }

  private static boolean blank(Object answer) {
    return answer == null || answer.toString().isBlank();
  }

  private static String needsAnswer(Field field, String quoted) {
    String answers = !field.options().isEmpty() ? ": " + String.join(", ", field.options())
        : field.type().equals("checkbox") ? ": true or false" : "";
    return quoted + " needs an answer" + answers + ".";
  }

  private static Optional<String> number(Field field, Supplier<String> quoted, Object answer) {
    String text = answer.toString();
    BigDecimal number;
    try {
      // the expressions that use it take a number, not its digits as text; nor NaN or infinity
      number = answer instanceof Number ? new BigDecimal(text) : null;
    } catch (NumberFormatException e) {
      number = null;
    }
    if (number == null) {
      return Optional.of(quoted.get() + " is a number, not '" + text + "'.");
    }
    if (field.decimals() != null && number.stripTrailingZeros().scale() > field.decimals()) {
      return Optional.of(quoted.get() + (field.decimals() == 0 ? " is a whole number" : " has at most " + field.decimals()
          + " decimals") + ", not " + text + ".");
    }
    if (field.min() != null && number.compareTo(field.min()) < 0) {
      return Optional.of(quoted.get() + " is at least " + field.min().toPlainString() + ", not " + text + ".");
    }
    if (field.max() != null && number.compareTo(field.max()) > 0) {
      return Optional.of(quoted.get() + " is at most " + field.max().toPlainString() + ", not " + text + ".");
    }
    return Optional.empty();
  }

  private static Optional<String> refusal(Field field, Supplier<String> quoted, Object answer) {
    boolean choice = !field.options().isEmpty();
    if (blank(answer)) {
      return field.required() ? Optional.of(needsAnswer(field, quoted.get())) : Optional.empty();
    }
    String text = answer.toString();
    if (choice && !field.options().contains(text)) {
      return Optional.of("'" + text + "' is not an answer to " + quoted.get() + ": " + String.join(", ", field.options()) + ".");
    }
    if (field.type().equals("checkbox")) {
      return answer instanceof Boolean ? Optional.empty() : Optional.of(quoted.get() + " is true or false, not '" + text + "'.");
    }
    if (field.type().equals("number")) {
      return number(field, quoted, answer);
    }
    if (!(answer instanceof String)) {
      return Optional.of(quoted.get() + " is a text, not a value of type " + answer.getClass().getSimpleName() + ".");
    }
    // only characters XML 1.0 allows: the texts end up in XEP pages and mails, and PostgreSQL keeps
    // no U+0000 at all (a server error before)
    int unwritable = text.codePoints().filter(c -> !XmlText.allowed(c)).findFirst().orElse(-1);
    if (unwritable >= 0) {
      return Optional.of(quoted.get() + " holds a character no text of the procedure may hold: U+"
          + String.format("%04X", unwritable) + ".");
    }
    if (field.maxLength() != null && text.length() > field.maxLength()) {
      NumberFormat count = NumberFormat.getIntegerInstance(Locale.ENGLISH);
      return Optional.of(quoted.get() + " takes at most " + count.format(field.maxLength()) + " characters, not "
          + count.format(text.length()) + ".");
    }
    if (field.pattern() != null && !field.pattern().matcher(text).find()) {
      return Optional.of("'" + text + "' is not what " + quoted.get() + " asks for"
          + (field.description() == null ? "." : ": " + field.description() + "."));
    }
    return Optional.empty();
  }

  /**
   * The form's pattern as the browser reads it (form-js tests it with a JavaScript RegExp): there a $
   * ends the answer; in Java it also matches before a line break that ends it, which let
   * "XEP-0001\n" through where Tasklist refuses it.
   */
  private static Pattern asInTheBrowser(String pattern) {
    StringBuilder java = new StringBuilder(pattern.length() + 8);
    boolean inClass = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        java.append(c).append(pattern.charAt(++i));
        continue;
      }
      inClass = c == '[' || (inClass && c != ']');
      java.append(c == '$' && !inClass ? "\\z" : String.valueOf(c));
    }
    return Pattern.compile(java.toString());
  }
}
