package io.wpoven.e2e.harness;

import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** A real headless Chromium (Debian's chromium and chromium-driver, nothing downloaded) for the dashboard's tests. */
public final class Browser {
    private Browser() {
    }

    public static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build();
        WebDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return d;
    }

    /** On the dashboard's sign-in page: pastes the token and signs in. */
    public static void signIn(WebDriver browser, String token) {
        browser.findElement(By.id("token")).sendKeys(token);
        clickAndLoad(browser, By.id("sign-in"));
    }

    /**
     * Clicks what submits a form or follows a link, and returns once the next page has loaded: the old page's root
     * element went stale and the new document is complete. Without it, an element found right after the click may
     * belong to the page being left (same id on both pages) and go stale while it is read.
     */
    public static void clickAndLoad(WebDriver browser, By what) {
        load(browser, what, false);
    }

    /** {@link #clickAndLoad} for a button that asks to confirm first: the dialog is accepted. */
    public static void clickConfirmAndLoad(WebDriver browser, By what) {
        load(browser, what, true);
    }

    private static void load(WebDriver browser, By what, boolean confirm) {
        WebElement old = browser.findElement(By.tagName("html"));
        browser.findElement(what).click();
        if (confirm) {
            browser.switchTo().alert().accept();
        }
        TestNamespace.within(Duration.ofSeconds(60)).alias("the page after clicking " + what + " loaded").until(() -> {
            try {
                old.getTagName();
                return false;
            } catch (StaleElementReferenceException gone) {
                return "complete".equals(((JavascriptExecutor) browser).executeScript("return document.readyState"));
            }
        });
    }

    /** The dashboard of the harness's shared operator. */
    public static String dashboard() {
        return "http://127.0.0.1:" + OperatorProcess.get().port() + "/dashboard";
    }
}
