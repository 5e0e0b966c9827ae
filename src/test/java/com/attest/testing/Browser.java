package com.attest.testing;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium, pointed at the local binaries so nothing is downloaded. Its clock is
 * the portal's ({@link TestClock}): pages that count down live (the response SLA) read the browser's clock, as they
 * read a person's computer clock, which agrees with the server's.
 */
public final class Browser implements AutoCloseable {

    /**
     * Browsers a test has finished with, cleared, for the next test on the same portal: starting Chromium and its
     * driver costs 1.5–3 s, some fifty times in a suite. Closed when the test JVM ends.
     */
    private static final java.util.concurrent.ConcurrentLinkedDeque<Browser> IDLE =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Browser idle; (idle = IDLE.poll()) != null; ) {
                idle.close();
            }
        }, "browsers-closed"));
    }

    private final ChromeDriver driver;
    private final URL base;
    private final Path profile;
    /** The portal's clock minus the machine's when the browser started: its pages' clock is set by it. */
    private final long clockOffset;
    private final String window;
    /** The new browser's viewport (width, height, pixel ratio): one not back to it is not handed on. */
    private final Object viewport;
    /** Whether a test set the clock wrong ({@link #clockOffBy}): such a browser is not handed to another test. */
    private boolean skewed;

    public Browser(URL base) {
        this.base = base;
        try {
            this.profile = Files.createTempDirectory("attest-chromium");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile));
        // a browser serves one test after another: it must not offer what earlier tests typed or signed in with, whose
        // suggestions open over the page and take the next click
        options.setExperimentalOption("prefs", java.util.Map.of("autofill.profile_enabled", false,
                "autofill.credit_card_enabled", false, "credentials_enable_service", false,
                "profile.password_manager_enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        long offset = clockOffsetNow();
        clockOffset = offset;
        window = driver.getWindowHandle();
        viewport = viewport();
        if (offset != 0) {
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", """
                    (function () {
                        var offset = %d, RealDate = Date;
                        function PortalDate() {
                            if (!new.target) { return new RealDate(RealDate.now() + offset).toString(); }
                            if (arguments.length === 0) { return new RealDate(RealDate.now() + offset); }
                            return new (Function.prototype.bind.apply(RealDate, [null].concat([].slice.call(arguments))))();
                        }
                        PortalDate.prototype = RealDate.prototype;
                        PortalDate.now = function () { return RealDate.now() + offset; };
                        PortalDate.parse = RealDate.parse;
                        PortalDate.UTC = RealDate.UTC;
                        window.Date = PortalDate;
                    })();""".formatted(offset)));
        }
    }

    /**
     * Sets the browser's clock off from the portal's by {@code offset} for the pages opened from now on, as a
     * person's computer whose clock is wrong.
     */
    public Browser clockOffBy(Duration offset) {
        skewed = true;
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", """
                (function () {
                    var skew = %d, Skewed = Date;
                    function OffDate() {
                        if (!new.target) { return new Skewed(Skewed.now() + skew).toString(); }
                        if (arguments.length === 0) { return new Skewed(Skewed.now() + skew); }
                        return new (Function.prototype.bind.apply(Skewed, [null].concat([].slice.call(arguments))))();
                    }
                    OffDate.prototype = Skewed.prototype;
                    OffDate.now = function () { return Skewed.now() + skew; };
                    OffDate.parse = Skewed.parse;
                    OffDate.UTC = Skewed.UTC;
                    window.Date = OffDate;
                })();""".formatted(offset.toMillis())));
        return this;
    }

    public Browser open(String path) {
        try {
            driver.get(new URL(base, path).toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Signs in through the form and waits until the browser has left the submitted page. */
    public Browser signIn(String username, String password) {
        open("login.xhtml");
        type("login:username", username);
        type("login:password", password);
        WebElement button = visible("login:signIn");
        click(button);
        waitFor(d -> gone(button));
        return this;
    }

    /** Whether the element has left the document (Chromium reports this in more than one way). */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.WebDriverException e) {
            return true;
        }
    }

    public Browser signOut() {
        click("nav:signOut");
        waitFor(d -> d.getCurrentUrl().endsWith("login.xhtml"));
        return this;
    }

    public void type(String id, String text) {
        WebElement field = visible(id);
        field.clear();
        field.sendKeys(text);
    }

    /** Opens a submenu of the menu bar ("auditMenu", "settingsMenu") as a pointer does, then clicks its item. */
    public void menu(String submenu, String item) {
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(visible("nav:" + submenu)).perform();
        click("nav:" + item);
    }

    /** Clicks the element with this id, finding it again if an AJAX update replaced it meanwhile. */
    public void click(String id) {
        click(By.id(id));
    }

    /** Types and leaves the field with Tab, as a person does, so its change event fires. */
    public void typeAndLeave(String id, String text) {
        type(id, text);
        visible(id).sendKeys(org.openqa.selenium.Keys.TAB);
    }

    /** Types into a date picker (its pop-up calendar opens only from its icon). */
    public void typeDate(String inputId, String text) {
        type(inputId, text);
    }

    /** Chooses the option with this value in a PrimeFaces select menu, through the menu's own widget. */
    public void select(String menuId, String value) {
        visible(menuId);
        driver.executeScript("PrimeFaces.widgets[arguments[0]].selectValue(arguments[1]);",
                "widget_" + menuId.replace(':', '_'), value);
    }

    /** Ticks a PrimeFaces boolean check box by clicking its box. */
    public void check(String checkboxId) {
        click(By.cssSelector("#" + checkboxId.replace(":", "\\:") + " .ui-chkbox-box"));
    }

    /** Ticks a check box or radio button by clicking its label, as a person does. */
    public void tick(String inputId) {
        click(By.cssSelector("label[for='" + inputId + "']"));
    }

    private void click(By locator) {
        for (int attempt = 1; ; attempt++) {
            try {
                click(wait(ExpectedConditions.elementToBeClickable(locator)));
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Clicks the link with this text, finding it again if an AJAX update replaced it meanwhile. */
    public void clickLink(String text) {
        click(By.linkText(text));
    }

    /** Scrolls the element to the middle of the window first, so a fixed bar or dialog edge never covers it. */
    public void click(WebElement element) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    public WebElement visible(String id) {
        return wait(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    public boolean present(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Waits until the page's text contains {@code expected}, across AJAX re-renders. */
    public void waitForText(String expected) {
        waitFor(d -> d.findElement(By.tagName("body")).getText().contains(expected));
    }

    public String path() {
        try {
            return new URL(driver.getCurrentUrl()).getPath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T waitFor(Function<WebDriver, T> condition) {
        return wait(condition::apply);
    }

    private <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "page was: " + driver.getCurrentUrl() + "\n" + text())
                .until(condition);
    }

    /** Saves a screenshot and the page source under target/screenshots, to look at what a person sees. */
    public void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Shows pages from now on in a window {@code width} CSS pixels wide (a phone at 390, a tablet at 768), as the
     * device's own browser lays them out.
     */
    public Browser width(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width,
                "height", width < 800 ? 844 : 900, "deviceScaleFactor", 1, "mobile", width < 800));
        return this;
    }

    /**
     * What the page shows past the window's right edge: the page's own sideways scroll, and every card, table,
     * field or button whose box ends beyond the window (cut off or pushing the page wider), described for a message.
     * Empty when a person sees everything without scrolling sideways.
     */
    @SuppressWarnings("unchecked")
    public List<String> overflow() {
        return (List<String>) driver.executeScript("""
                var out = [], w = document.documentElement.clientWidth;
                if (document.documentElement.scrollWidth > w + 1) {
                    var culprits = [];
                    document.body.querySelectorAll('*').forEach(function (e) {
                        var r = e.getBoundingClientRect(), p = e.parentElement.getBoundingClientRect();
                        if (culprits.length < 5 && r.width > 0 && r.right > w + 1 && p.right <= w + 1
                                && !e.closest('.ui-datatable-tablewrapper, .table-scroll, .scroll-x')) {
                            culprits.push((e.id ? '#' + e.id : e.tagName.toLowerCase() + '.' + String(e.className).split(' ').join('.'))
                                + ' (' + Math.round(r.left) + '-' + Math.round(r.right) + ')');
                        }
                    });
                    out.push('page is ' + document.documentElement.scrollWidth + ' px wide in a ' + w
                        + ' px window; widest: ' + culprits.join(', '));
                }
                document.querySelectorAll('.card, .ui-datatable, .field, .ui-button, .facts, h1, h2').forEach(function (e) {
                    var r = e.getBoundingClientRect();
                    if (r.width === 0 || e.closest('.ui-dialog, .ui-overlaypanel, .ui-connected-overlay-enter-done')) { return; }
                    var scroller = e.closest('.ui-datatable-wrapper, .ui-datatable-tablewrapper, .table-scroll, .scroll-x');
                    if (scroller && scroller !== e) { return; } // inside a region that scrolls on its own
                    if (r.right > w + 1) {
                        out.push((e.id ? '#' + e.id : e.tagName.toLowerCase() + '.' + e.className.split(' ').join('.'))
                            + ' ends at ' + Math.round(r.right) + ' px');
                    }
                });
                return out;""");
    }

    /**
     * The page's accessibility problems axe-core finds (its script bundled in the test dependency, injected here)
     * whose impact is serious or critical, one line per rule and element; empty when there are none.
     */
    public List<String> accessibilityViolations() {
        com.deque.html.axecore.args.AxeRunOptions options = new com.deque.html.axecore.args.AxeRunOptions();
        // every rule still runs; what passed (or did not apply) comes back as one element each instead of all of them,
        // which the browser otherwise serialises and the test reads for nothing
        options.setResultTypes(List.of("violations"));
        com.deque.html.axecore.results.Results results = new com.deque.html.axecore.selenium.AxeBuilder()
                .withOptions(options)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze(driver);
        List<String> found = new java.util.ArrayList<>();
        for (com.deque.html.axecore.results.Rule rule : results.getViolations()) {
            if (!"serious".equals(rule.getImpact()) && !"critical".equals(rule.getImpact())) {
                continue;
            }
            for (com.deque.html.axecore.results.CheckedNode node : rule.getNodes()) {
                found.add(rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + ") at " + node.getTarget()
                        + ": " + String.valueOf(node.getFailureSummary()).replace('\n', ' '));
            }
        }
        return found;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * A browser for a test on the portal at {@code base}: one an earlier test finished with ({@link #release}), or a
     * new one. It starts as a new one does: no cookies, nothing stored, one window showing nothing, 1280 px wide.
     */
    public static Browser forTest(URL base) {
        long offset = clockOffsetNow();
        for (Browser idle : IDLE) {
            // the same portal, and the same clock to within a second (a portal deployed since calibrates it anew)
            if (idle.base.equals(base) && Math.abs(idle.clockOffset - offset) < 1000 && IDLE.remove(idle)) {
                return idle;
            }
        }
        return new Browser(base);
    }

    /** The test is done with this browser: cleared and kept for the next one, or closed if it cannot be cleared. */
    public void release() {
        if (!skewed && cleared()) {
            IDLE.push(this);
        } else {
            close();
        }
    }

    /** Back as new: one window showing nothing, no cookies, nothing stored, the viewport a new browser's. */
    private boolean cleared() {
        try {
            for (String other : driver.getWindowHandles()) {
                if (!other.equals(window)) {
                    driver.switchTo().window(other).close();
                }
            }
            driver.switchTo().window(window);
            driver.get("about:blank");
            driver.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
            driver.executeCdpCommand("Storage.clearDataForOrigin", java.util.Map.of("origin",
                    base.getProtocol() + "://" + base.getHost() + ":" + base.getPort(), "storageTypes", "all"));
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
            return viewport.equals(viewport());
        } catch (RuntimeException e) { // an alert left open, a browser gone: no use to anyone
            return false;
        }
    }

    /** The portal's clock minus the machine's, now. */
    private static long clockOffsetNow() {
        return Duration.between(java.time.Instant.now(), TestClock.now()).toMillis();
    }

    private Object viewport() {
        return driver.executeScript("return [window.innerWidth, window.innerHeight, window.devicePixelRatio,"
                + " window.outerWidth, window.outerHeight];");
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
