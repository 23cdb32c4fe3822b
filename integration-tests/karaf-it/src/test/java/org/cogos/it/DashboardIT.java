package org.cogos.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.cogos.harness.CogosInstance;
import org.cogos.robotsim.LidarScenario;
import org.cogos.robotsim.ReceivedAction;
import org.cogos.robotsim.RobotSimulator;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
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
 * The web dashboard of the running distribution in a real browser: Debian's chromium, headless, driven through
 * its chromedriver (apt packages chromium and chromium-driver; Selenium's own driver download is never used).
 * It logs in through the Karaf realm as an admin and as a viewer, watches a simulated robot's actions arrive on
 * the robot's page, removes a module from the page and finds it gone from {@code cog:lsmod}, and checks that a
 * viewer is shown no admin button and refused by the server when it calls anyway. Screenshots go to
 * {@code target/dashboard/} (docs/dashboard.md shows them).
 */
public class DashboardIT {

    @ClassRule
    public static final RunningCogos COGOS = new RunningCogos("dashboard");

    private static final String VIEWER = "vera";
    private static final String VIEWER_PASSWORD = "viewer-pass";
    private static final Path SCREENSHOTS = Path.of("target", "dashboard");

    private WebDriver browser;
    private WebDriverWait wait;

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @BeforeClass
    public static void addViewer() throws Exception {
        if (!Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("no " + CHROMEDRIVER + ": apt-get install chromium chromium-driver"
                    + " (scripts/setup.sh does)");
        }
        COGOS.instance().addConsoleUser(VIEWER, VIEWER_PASSWORD, "viewergroup");
        Files.createDirectories(SCREENSHOTS);
    }

    /** A browser of its own for each test; quitting it also stops its chromedriver. */
    @Before
    public void openBrowser() throws IOException {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start. The rest keeps the browser
        // from reaching the network on its own (component updates, field trials): only cogos on loopback.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory("cogos-chromium"));
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1400, 900));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @After
    public void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String dashboard() throws IOException {
        return COGOS.instance().httpUri() + "/cogos/";
    }

    private void logIn(String user, String password) throws IOException {
        browser.get(dashboard() + "index.html");
        wait.until(ExpectedConditions.urlContains("login.html"));
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
    }

    private void screenshot(String name) throws IOException {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String> lsmod() throws Exception {
        return COGOS.instance().shell("cog:lsmod --no-format").lines().map(line -> line.split("\t")[0].trim())
                .toList();
    }

    private static String audit() throws Exception {
        return COGOS.instance().command("cog:audit -n 200").output();
    }

    @Test
    public void theRobotPageShowsTheRobotsActionsAsTheyHappen() throws Exception {
        AtomicBoolean streaming = new AtomicBoolean(true);
        try (RobotSimulator robot = COGOS.robot("dash-bot")) {
            robot.connect();
            LidarScenario encounter = new LidarScenario(10, 0.01, 5);
            Thread lidar = new Thread(() -> {
                try {
                    robot.stream(encounter, -1, 10); // until interrupted: person walking up, clear, obstacle
                } catch (Exception e) {
                    streaming.set(false);
                }
            }, "dash-bot-lidar");
            lidar.start();
            try {
                logIn(CogosInstance.ADMIN, CogosInstance.ADMIN_PASSWORD);
                browser.get(dashboard() + "index.html#robot/dash-bot");
                wait.until(ExpectedConditions.textMatches(By.id("scene-caption"), java.util.regex.Pattern.compile(
                        "^scene \\d+")));

                // Each of the next three actions the robot receives shows on the page, found by its id.
                List<ReceivedAction> received = new ArrayList<>();
                robot.actions().clear();
                for (int seen = 0; seen < 3; seen++) {
                    ReceivedAction action = robot.actions().poll(30, SECONDS);
                    assertTrue("the robot received an action", action != null);
                    received.add(action);
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                            "li.action[data-action-id='" + action.actionId() + "'][data-type='" + action.type()
                                    + "']")));
                }
                assertTrue("the robot kept streaming", streaming.get());

                // Its provenance, as cog:explain shows it: the engine, the rule that fired, the facts it used.
                ReceivedAction last = received.get(received.size() - 1);
                By lastItem = By.cssSelector("li.action[data-action-id='" + last.actionId() + "']");
                // The list is rebuilt when a new action arrives: find the item again until it reads as opened.
                String explained = wait.ignoring(StaleElementReferenceException.class).until(driver -> {
                    WebElement details = driver.findElement(lastItem).findElement(By.tagName("details"));
                    if (details.getAttribute("open") == null) {
                        details.findElement(By.tagName("summary")).click();
                    }
                    String text = driver.findElement(lastItem).getText();
                    return text.contains("decided by rules") ? text : null;
                });
                assertTrue(explained, explained.contains("lidar"));
                String points = String.valueOf(((JavascriptExecutor) browser).executeScript(
                        "const g = document.getElementById('scene').getContext('2d');"
                                + "const d = g.getImageData(0, 0, 480, 480).data; let n = 0;"
                                + "for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0) n++; return n;"));
                assertTrue("the scene is drawn: " + points + " pixels", Long.parseLong(points) > 1000);
                screenshot("robot");
            } finally {
                lidar.interrupt();
                lidar.join(10_000);
            }
        }
        browser.get(dashboard() + "index.html#robots");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-robot='dash-bot']")));
        screenshot("robots");
    }

    @Test
    public void aModuleRemovedFromThePageIsGoneFromLsmodAndAudited() throws Exception {
        assertTrue(lsmod().contains("vision"));
        logIn(CogosInstance.ADMIN, CogosInstance.ADMIN_PASSWORD);
        browser.get(dashboard() + "index.html#modules");
        By visionRow = By.cssSelector("tr[data-module='vision']");
        wait.until(ExpectedConditions.presenceOfElementLocated(visionRow));
        browser.findElement(By.cssSelector("tr[data-module='sensor'] button.params")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-param='maxPoints']")));
        screenshot("modules");
        try {
            browser.findElement(visionRow).findElement(By.cssSelector("button.rmmod")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(visionRow));
            await("vision gone from cog:lsmod").atMost(10, SECONDS).until(() -> !lsmod().contains("vision"));
            assertEquals("removed module vision", browser.findElement(By.id("status")).getText());
            assertTrue(audit().lines().anyMatch(l -> l.contains(" " + CogosInstance.ADMIN + " web:rmmod vision: ok")));
        } finally {
            COGOS.instance().command("cog:modprobe vision");
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(visionRow));
        browser.get(dashboard() + "index.html#events");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#audit tbody tr")));
        screenshot("events");
    }

    @Test
    public void aViewerSeesNoAdminButtonAndTheServerRefusesTheCallAnyway() throws Exception {
        logIn(VIEWER, VIEWER_PASSWORD);
        browser.get(dashboard() + "index.html#modules");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-module='vision']")));
        assertEquals("no remove button", List.of(), browser.findElements(By.cssSelector("button.rmmod")));
        assertEquals("no admin form", List.of(), browser.findElements(By.cssSelector(".needs-admin")));
        browser.findElement(By.cssSelector("tr[data-module='sensor'] button.params")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-param='maxPoints']")));
        assertEquals("no parameter change", List.of(), browser.findElements(By.cssSelector(".needs-operator")));
        screenshot("viewer");

        // The call the page does not offer, made anyway from the viewer's session.
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('api/modules/vision/rmmod', {method: 'POST', credentials: 'same-origin',"
                        + " headers: {'Content-Type': 'application/json'}, body: '{}'})"
                        + ".then(r => r.json().then(j => done(r.status + ' ' + j.error)));");
        assertEquals("403 vera may not web:rmmod: needs the admin role", answer);
        assertTrue(lsmod().toString(), lsmod().contains("vision"));
        assertTrue(audit().lines().anyMatch(l -> l.contains(" " + VIEWER + " web:rmmod vision: refused")));
    }

    @Test
    public void aWrongPasswordIsRefusedAndNothingIsServedBeforeALogin() throws Exception {
        browser.get(dashboard() + "login.html");
        browser.findElement(By.id("user")).sendKeys(VIEWER);
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("failed")));
        assertTrue(audit().lines().anyMatch(l -> l.contains(" " + VIEWER + " web login dashboard: refused")));

        for (String call : List.of("api/modules", "api/stream", "api/robots/dash-bot")) {
            HttpURLConnection connection = (HttpURLConnection) URI.create(dashboard() + call).toURL()
                    .openConnection();
            assertEquals(call, 401, connection.getResponseCode());
            connection.disconnect();
        }
        HttpURLConnection page = (HttpURLConnection) URI.create(dashboard() + "index.html").toURL().openConnection();
        page.setInstanceFollowRedirects(false);
        assertEquals(302, page.getResponseCode());
        assertTrue(page.getHeaderField("Location"), page.getHeaderField("Location").endsWith("/cogos/login.html"));
    }
}
