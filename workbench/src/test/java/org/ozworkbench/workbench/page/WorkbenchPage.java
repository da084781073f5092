package org.ozworkbench.workbench.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The workbench page as a person uses it, in one browser window: it knows the page's selectors so
 * that tests read as what is done ({@code page.browser().openClass("Point").method("x")}).
 */
final class WorkbenchPage {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(10);

    private final ChromeDriver driver;
    private final Path screenshots;

    WorkbenchPage(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** Opens the URL {@code ozw serve} printed (with its token) and waits for the bus to be live. */
    WorkbenchPage open(String url) {
        driver.get(url);
        until(d -> d.findElement(By.id("link")).getText().equals("bus: live"));
        return this;
    }

    WebDriver driver() {
        return driver;
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(screenshots);
        Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** What the bar says of the guest's runs, from the run events of the bus. */
    String runIndicator() {
        return driver.findElement(By.id("run")).getText();
    }

    String status() {
        return driver.findElement(By.id("status")).getText();
    }

    private WebElement view(String name) {
        driver.findElement(By.cssSelector("#tabs button[data-view='" + name + "']")).click();
        return until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".view[data-view='" + name + "']")));
    }

    <T> T until(java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT, POLL).until(condition);
    }

    Browser browser() {
        return new Browser(view("browser"));
    }

    Journal journal() {
        return new Journal(view("journal"));
    }

    Processes processes() {
        return new Processes(view("processes"));
    }

    Evaluator evaluator() {
        return new Evaluator(view("evaluator"));
    }

    Inspector inspector() {
        return new Inspector(view("inspector"));
    }

    void diff() {
        WebElement view = view("diff");
        until(d -> !view.findElements(By.cssSelector(".diff-body .summary")).isEmpty());
    }

    /** Applies the surgery editor's text (its example file-in unless replaced) and answers its report. */
    String applySurgeryEditor() {
        WebElement view = view("surgery");
        view.findElement(By.cssSelector("button.accept")).click();
        until(d -> !view.findElements(By.cssSelector(".answer table, .answer pre.error")).isEmpty());
        return view.findElement(By.cssSelector(".answer")).getText();
    }

    /** Saves the space through the page's Save button into the server's output folder. */
    void save(String name) {
        driver.findElement(By.id("save")).click();
        until(ExpectedConditions.alertIsPresent()).sendKeys(name);
        driver.switchTo().alert().accept();
        until(d -> status().startsWith("saved"));
    }

    /** The System Browser: categories, classes, protocols, methods; the method's text below. */
    final class Browser {
        private final WebElement view;

        Browser(WebElement view) {
            this.view = view;
            until(d -> !classes().isEmpty());
        }

        List<String> classes() {
            return items("classes");
        }

        /** The items of a pane, read in one go (panes redraw as answers and bus events come). */
        private List<String> items(String pane) {
            return texts(".view[data-view='browser'] [data-pane='" + pane + "'] li");
        }

        /** The method categories of the class shown, as its organizer files them. */
        List<String> protocols() {
            return items("protocols");
        }

        /** Clicks the item of a pane that reads {@code text}, once it is there. */
        private void click(String pane, String text) {
            until(d -> Boolean.TRUE.equals(script("const li = [...document.querySelectorAll(\".view[data-view='browser']"
                    + " [data-pane='\" + arguments[0] + \"'] li\")].find(l => l.textContent === arguments[1]);"
                    + " if (li) { li.click(); } return !!li;", pane, text)));
        }

        Browser openClass(String name) {
            WebElement filter = view.findElement(By.cssSelector("[data-pane='categories'] input"));
            filter.clear();
            filter.sendKeys(name);
            click("classes", name);
            until(d -> idle() && !items("methods").isEmpty());
            return this;
        }

        Browser method(String selector) {
            click("methods", selector);
            until(d -> idle() && title().endsWith(">>" + selector));
            return this;
        }

        /** Whether every class and method asked for has been shown. */
        private boolean idle() {
            return view.getDomAttribute("data-busy") == null;
        }

        String title() {
            return texts(".view[data-view='browser'] .code-title").get(0);
        }

        String source() {
            mode("source");
            return view.findElement(By.cssSelector("textarea.code")).getAttribute("value");
        }

        /** The instructions as shown, a row's cells run together: pc, bytes, text. */
        List<String> bytecodes() {
            mode("bytecodes");
            return texts(".view[data-view='browser'] .mode-bytecodes tr");
        }

        /** Clicks Senders or Implementors and answers the methods listed, as {@code Class>>selector}. */
        List<String> references(String button) {
            view.findElement(By.xpath(".//div[@class='toolbar']/button[text()='" + button + "']")).click();
            until(d -> texts(".view[data-view='browser'] .found h3").stream().anyMatch(t -> t.startsWith(button + " of")));
            return texts(".view[data-view='browser'] .found li");
        }

        void mode(String mode) {
            view.findElement(By.cssSelector("button.mode[data-mode='" + mode + "']")).click();
        }

        /** Replaces the method's text and accepts it; answers the surgery's id once the method is shown again. */
        String accept(String source) {
            mode("source");
            until(d -> idle());
            WebElement code = view.findElement(By.cssSelector("textarea.code"));
            script("arguments[0].value = arguments[1];", code, source);
            String before = view.getDomAttribute("data-last-surgery");
            view.findElement(By.cssSelector("button.accept")).click();
            until(d -> {
                String now = view.getDomAttribute("data-last-surgery");
                return now != null && !now.equals(before) && idle();
            });
            return view.getDomAttribute("data-last-surgery");
        }

        /** When the committing page had the surgery's answer, by the browser's clock (ms since the epoch). */
        long answeredAt() {
            return Long.parseLong(view.getDomAttribute("data-last-surgery-answered"));
        }
    }

    /** The journal's timeline of surgeries. */
    final class Journal {
        private final WebElement view;

        Journal(WebElement view) {
            this.view = view;
        }

        By entry(String surgeryId, String state) {
            return By.cssSelector(".timeline li[data-surgery='" + surgeryId + "'][data-state='" + state + "']");
        }

        WebElement waitFor(String surgeryId, String state) {
            return until(ExpectedConditions.presenceOfElementLocated(entry(surgeryId, state)));
        }

        List<String> labels() {
            return texts(".view[data-view='journal'] .timeline li .label");
        }

        /** Selects a surgery and waits for its changes. */
        List<String> changes(String surgeryId) {
            view.findElement(By.cssSelector(".timeline li[data-surgery='" + surgeryId + "']")).click();
            until(d -> !view.findElements(By.cssSelector("table.changes tr td")).isEmpty());
            return texts(".view[data-view='journal'] table.changes tr").stream().skip(1).toList();
        }

        /** Selects a surgery, rolls it back, and answers the refusal shown, with the surgeries in its way. */
        List<String> refusedRollback(String surgeryId) {
            changes(surgeryId);
            view.findElement(By.cssSelector("button.rollback")).click();
            until(d -> !texts(".view[data-view='journal'] .surgery-detail p.conflict").isEmpty());
            List<String> shown = new java.util.ArrayList<>(texts(".view[data-view='journal'] .surgery-detail p.conflict"));
            shown.addAll(texts(".view[data-view='journal'] .surgery-detail a.in-the-way"));
            return shown;
        }

        void rollBackSelected() {
            view.findElement(By.cssSelector("button.rollback")).click();
            until(d -> status().startsWith("rolled back"));
        }
    }

    /** The Process Browser. */
    final class Processes {
        private final WebElement view;

        Processes(WebElement view) {
            this.view = view;
            until(d -> !rows().isEmpty());
        }

        List<WebElement> rows() {
            return view.findElements(By.cssSelector("table.processes tr[data-oop]"));
        }

        String stateOf(String oop) {
            return (String) script("const tr = document.querySelector(\"table.processes tr[data-oop='\" + arguments[0]"
                    + " + \"']\"); return tr && tr.dataset.state;", oop);
        }

        /** The first process listed in that state (read in one go: the table is redrawn as surgeries land). */
        String firstIn(String state) {
            return (String) script("return document.querySelector(\"table.processes tr[data-state='\" + arguments[0]"
                    + " + \"']\").dataset.oop;", state);
        }

        void suspend(String oop) {
            surgery(oop, "Suspend", "suspended");
        }

        void terminate(String oop) {
            surgery(oop, "Terminate", "terminated");
        }

        private void surgery(String oop, String button, String state) {
            view.findElement(By.cssSelector("table.processes tr[data-oop='" + oop + "']")).click();
            view.findElement(By.xpath(".//button[text()='" + button + "']")).click();
            until(d -> state.equals(stateOf(oop)));
        }
    }

    /** The Playground. */
    final class Evaluator {
        private final WebElement view;

        Evaluator(WebElement view) {
            this.view = view;
        }

        String printIt(String expression) {
            int before = view.findElements(By.cssSelector(".results li")).size();
            WebElement text = view.findElement(By.cssSelector("textarea.code"));
            text.clear();
            text.sendKeys(expression);
            view.findElement(By.cssSelector("button.accept")).click();
            until(d -> view.findElements(By.cssSelector(".results li")).size() > before);
            return view.findElement(By.cssSelector(".results li .printString")).getText();
        }
    }

    /** The texts of the elements a selector finds, read in one go (views redraw as answers come). */
    @SuppressWarnings("unchecked")
    List<String> texts(String css) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);", css);
    }

    /** The Inspector. */
    final class Inspector {
        private static final String HEADER = ".view[data-view='inspector'] .inspected .column.current table.kv td";

        private final WebElement view;

        Inspector(WebElement view) {
            this.view = view;
        }

        Inspector inspect(String path) {
            WebElement input = view.findElement(By.cssSelector("input.expression"));
            input.clear();
            input.sendKeys(path);
            view.findElement(By.xpath(".//button[text()='Inspect']")).click();
            until(d -> idle() && texts(HEADER).contains(path));
            return this;
        }

        /** Follows the slot of that name. */
        Inspector follow(String slot) {
            String path = view.findElement(By.cssSelector("input.expression")).getDomProperty("value") + "." + slot;
            view.findElement(By.cssSelector(".column.current tr[data-slot='" + slot + "'] td.value a")).click();
            until(d -> idle() && texts(HEADER).contains(path));
            return this;
        }

        /** Whether every object asked for has been shown. */
        private boolean idle() {
            return view.getDomAttribute("data-busy") == null;
        }

        /** What the inspected object prints as. */
        String self() {
            return texts(HEADER).get(0);
        }
    }
}
