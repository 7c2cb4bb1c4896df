package io.wpoven.e2e.harness;

import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
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
        browser.findElement(By.id("sign-in")).click();
    }

    /** The dashboard of the harness's shared operator. */
    public static String dashboard() {
        return "http://127.0.0.1:" + OperatorProcess.get().port() + "/dashboard";
    }
}
