package cn.lianxin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for the whole suite, driven through Debian's chromedriver. Missing browser packages fail
 * the tests with what to install (infra/test installs them where it may): a browser test never skips. Each test
 * starts signed out; {@link #screenshot} saves a page under target/screenshots for a reviewer to look at.
 */
public final class Browser {

    public static final Path CHROMIUM = Path.of(System.getProperty("lianxin.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("lianxin.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static ChromeDriver driver;

    private Browser() {
    }

    /** The shared browser, signed out and on a blank page. */
    public static synchronized ChromeDriver fresh() {
        if (driver == null) {
            driver = start();
            Runtime.getRuntime().addShutdownHook(new Thread(driver::quit));
        }
        driver.manage().deleteAllCookies();
        driver.get("about:blank");
        return driver;
    }

    private static ChromeDriver start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser tests need Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install the Debian packages chromium and chromium-driver (./infra/test does, when run as root).");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        Path profile;
        try {
            profile = Files.createTempDirectory(Path.of("target"), "chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Without the background-networking switches Chromium keeps dialling hosts this machine cannot reach.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--lang=zh-CN", "--user-data-dir=" + profile.toAbsolutePath());
        // The browser's console is kept for the tests: Chromium reports there what the Content-Security-Policy refused.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(WAIT);
        return chrome;
    }

    public static WebDriverWait waiting(ChromeDriver browser) {
        return waiting(browser, WAIT);
    }

    /**
     * A wait that looks again when the element it found was replaced before it could be read: pages re-render their
     * lists after an action, and an element caught between the two renders is not an answer.
     */
    public static WebDriverWait waiting(ChromeDriver browser, Duration atMost) {
        WebDriverWait wait = new WebDriverWait(browser, atMost);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Signs in through the console's form and waits for the page it leads to. */
    public static void signIn(ChromeDriver browser, String base, String username, String password) {
        browser.get(base + "console/login");
        submitSignIn(browser, username, password);
        waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.top")));
    }

    public static void submitSignIn(ChromeDriver browser, String username, String password) {
        WebElement user = browser.findElement(By.name("username"));
        user.clear();
        user.sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(password);
        WebElement submit = browser.findElement(By.cssSelector("form.sign-in-form button[type=submit]"));
        submit.click();
        waiting(browser).until(d -> gone(submit));
    }

    /**
     * Whether the element has left the page. While the next page replaces it, Chromium may answer "node does not
     * belong to the document" instead of "stale element": both say it is gone.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException e) {
            return true;
        }
    }

    /** Waits until every chart on the page has drawn its canvas. */
    public static void chartsDrawn(ChromeDriver browser) {
        waiting(browser).until(d -> {
            List<WebElement> charts = d.findElements(By.cssSelector("[data-chart]"));
            return !charts.isEmpty() && charts.stream().allMatch(c -> !c.findElements(By.tagName("canvas")).isEmpty());
        });
    }

    /** What the Content-Security-Policy refused since the browser's console was last read (reading empties it). */
    public static List<String> policyViolations(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).toList();
    }

    public static Object script(ChromeDriver browser, String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** Saves what the browser shows now as target/screenshots/{name}.png. */
    public static Path screenshot(ChromeDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            // The whole page, not only the 1280×800 window: through Chromium's own screenshot command.
            Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
            Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(),
                    "height", Math.min(8000, ((Number) size.get("height")).doubleValue()), "scale", 1);
            Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
