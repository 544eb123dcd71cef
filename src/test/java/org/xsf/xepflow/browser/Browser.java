package org.xsf.xepflow.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages, driven by Debian's chromedriver, the way a person uses
 * the Camunda webapps: log in, pick a filter and a task, read the form, click. Every step leaves a
 * screenshot under target/browser-screenshots/.
 */
final class Browser implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
  /** Camunda Forms (form-js) takes typed text into its model only after this pause. */
  private static final Duration FORM_INPUT_DEBOUNCE = Duration.ofMillis(600);

  private final String baseUrl;
  private final String engine;
  private final String password;
  private ChromeDriver driver;
  private WebDriverWait wait;
  /** Screenshots are numbered across the test classes of one run, in the order taken. */
  private static final AtomicInteger STEPS = new AtomicInteger();

  Browser(String baseUrl, String engine, String password) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver packages "
          + "(/usr/bin/chromium, /usr/bin/chromedriver); .ci/run installs them.");
    }
    if (STEPS.get() == 0) {
      deleteOldScreenshots();
    }
    this.baseUrl = baseUrl;
    this.engine = engine;
    this.password = password;
  }

  /**
   * Logs in to one of the webapps (tasklist, cockpit) as a demo user, in a browser of their own:
   * a fresh profile, with no cookies or cache of whoever was logged in before.
   */
  void logIn(String app, String user) {
    close();
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    // Without the background-networking flags Chromium keeps calling home, which this network refuses.
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,1000");
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    driver.get(baseUrl + "/camunda/app/" + app + "/" + engine + "/");
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[name=signinForm] input[type=text]")));
    WebElement secret = driver.findElement(By.cssSelector("form[name=signinForm] input[type=password]"));
    // The page focuses the name field once its scripts have run: keys typed into the password field
    // just before that land in the name field ("author1xsf"). Typed again until both fields hold them.
    for (int attempt = 0; !(user.equals(name.getDomProperty("value")) && password.equals(secret.getDomProperty("value"))); attempt++) {
      if (attempt == 5) {
        throw new IllegalStateException("Could not type the login of " + user + " into the sign-in form");
      }
      name.clear();
      secret.clear();
      name.sendKeys(user);
      secret.sendKeys(password);
    }
    driver.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name=signinForm]")));
  }

  /** Opens a page of the current webapp by its route, e.g. "#/processes". */
  void open(String app, String route) {
    driver.get(baseUrl + "/camunda/app/" + app + "/" + engine + "/" + route);
  }

  /** Tasklist: "Start process", then the process with that name; waits for its start form. */
  void startProcess(String processName) {
    click(By.linkText("Start process"));
    click(By.xpath("//div[contains(@class,'modal')]//a[contains(normalize-space(.), " + literal(processName) + ")]"));
    waitForForm();
  }

  /** Tasklist: picks a filter, then the task whose name starts with the given words, and claims it if offered. */
  void openTask(String filter, String taskName) {
    click(By.xpath("//div[contains(@class,'task-filter')]//h4/a[contains(normalize-space(.), " + literal(filter) + ")]"));
    click(By.xpath("//ol[contains(@class,'tasks-list')]//a[starts-with(normalize-space(.), " + literal(taskName) + ")]"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[cam-tasklist-task] h2"), taskName));
    List<WebElement> claim = driver.findElements(By.cssSelector("button.claim"));
    if (!claim.isEmpty() && claim.get(0).isDisplayed()) {
      claim.get(0).click();
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
    }
    waitForForm();
  }

  boolean hasTask(String filter, String taskName) {
    click(By.xpath("//div[contains(@class,'task-filter')]//h4/a[contains(normalize-space(.), " + literal(filter) + ")]"));
    By task = By.xpath("//ol[contains(@class,'tasks-list')]//a[starts-with(normalize-space(.), " + literal(taskName) + ")]");
    wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(task),
        ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "No task matching filters found.")));
    return !driver.findElements(task).isEmpty();
  }

  private void waitForForm() {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
  }

  /** The text of the rendered Camunda Form. */
  String formText() {
    return driver.findElement(By.cssSelector(".fjs-form")).getText();
  }

  /** The address a link in the form points to. */
  String formLink(String text) {
    return driver.findElement(By.cssSelector(".fjs-form")).findElement(By.linkText(text)).getAttribute("href");
  }

  /** What a text field or text area shows, found by its label. */
  String fieldValue(String label) {
    return field(label).getDomProperty("value");
  }

  /** A CSS property of a text field or text area as the browser computed it, found by its label. */
  String computedStyle(String label, String property) {
    return (String) ((JavascriptExecutor) driver).executeScript(
        "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1]);", field(label), property);
  }

  /**
   * Fills a text field or text area by its label. Set through the DOM rather than typed: a pasted XEP
   * has tabs, which typing would turn into focus changes.
   */
  void fill(String label, String text) {
    WebElement field = field(label);
    ((JavascriptExecutor) driver).executeScript(
        "const field = arguments[0];"
            + "const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value').set;"
            + "setter.call(field, arguments[1]);"
            + "field.dispatchEvent(new Event('input', {bubbles: true}));"
            + "field.dispatchEvent(new Event('blur'));",
        field, text);
    pause(FORM_INPUT_DEBOUNCE);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Picks a radio option or ticks a checkbox by its label. */
  void choose(String optionLabel) {
    click(By.xpath("//form[contains(@class,'fjs-form')]//label[normalize-space(.)=" + literal(optionLabel) + "]"));
  }

  /** Clicks a visible button by its text (Start, Complete ...). */
  void press(String button) {
    // Notifications stay in the corner where the form's buttons are.
    driver.findElements(By.cssSelector(".notifications .close, .page-notifications .close")).stream()
        .filter(WebElement::isDisplayed).forEach(WebElement::click);
    click(By.xpath("//button[normalize-space(.)=" + literal(button) + "]"));
  }

  /** The form's validation messages shown to the user. */
  @SuppressWarnings("unchecked")
  List<String> validationErrors() {
    return (List<String>) ((JavascriptExecutor) driver).executeScript("return Array.from("
        + "document.querySelectorAll('.fjs-form-field-error')).filter(e => e.offsetParent !== null).map(e => e.innerText.trim());");
  }

  /** Waits for a Tasklist or Cockpit notification such as "The process has been started." */
  void waitForNotification(String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notifications, .page-notifications"), text));
  }

  /** Waits until the task form is gone after completing it. */
  void waitForTaskClosed() {
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".fjs-form")));
  }

  WebElement waitFor(By locator) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /** The ids of the BPMN elements the diagram on the page shows, once it shows all the expected ones (or time is up). */
  List<String> drawnElements(Collection<String> expected) {
    try {
      wait.until(page -> drawnElements().containsAll(expected));
    } catch (TimeoutException e) {
      // The caller's assertion names what is missing.
    }
    return drawnElements();
  }

  /** Read in one script: the diagram is redrawn while Cockpit loads, so element handles go stale. */
  @SuppressWarnings("unchecked")
  private List<String> drawnElements() {
    return (List<String>) ((JavascriptExecutor) driver).executeScript("return Array.from("
        + "document.querySelectorAll('.djs-container g.djs-element')).map(e => e.getAttribute('data-element-id'));");
  }

  String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Saves what the user sees now as target/browser-screenshots/NN-name.png. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(String.format("%02d-%s.png", STEPS.incrementAndGet(), name));
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteOldScreenshots() {
    try (var old = Files.exists(SCREENSHOTS) ? Files.list(SCREENSHOTS) : java.util.stream.Stream.<Path>empty()) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** On a failure: the screenshot and the page source, to see what the user saw. */
  void saveFailure(String name) {
    try {
      Path shot = screenshot("FAILED-" + name);
      Files.writeString(Path.of(shot.toString().replace(".png", ".html")), driver.getPageSource(), StandardCharsets.UTF_8);
      Object requests = ((JavascriptExecutor) driver).executeScript("return performance.getEntriesByType('resource')"
          + ".map(e => Math.round(e.startTime) + ' ' + Math.round(e.duration) + 'ms ' + e.responseStatus + ' ' + e.name).join('\\n')");
      Files.writeString(Path.of(shot.toString().replace(".png", ".requests.txt")), String.valueOf(requests), StandardCharsets.UTF_8);
    } catch (RuntimeException | IOException e) {
      // The browser itself may be what failed; the test's own error says more.
    }
  }

  private void click(By locator) {
    WebElement element = wait.until(ExpectedConditions.elementToBeClickable(locator));
    // The page footer covers the bottom of the task form, where its buttons are.
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  private WebElement field(String label) {
    WebElement labelElement = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//form[contains(@class,'fjs-form')]//label[starts-with(normalize-space(.), " + literal(label) + ")]")));
    return driver.findElement(By.id(labelElement.getAttribute("for")));
  }

  /** An XPath string literal for text that may hold quotes. */
  private static String literal(String text) {
    if (!text.contains("\"")) {
      return "\"" + text + "\"";
    }
    return "concat(\"" + text.replace("\"", "\", '\"', \"") + "\")";
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
  }
}
