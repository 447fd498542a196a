package dev.custody.extension;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.bootstrap.YieldingScopes;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class YieldingContextStorageTest {

  private static final ContextKey<String> NAME = ContextKey.named("name");

  private final ContextStorage storage =
      new YieldingContextStorage(ContextStorage.defaultStorage());
  private final Context request = Context.root().with(NAME, "request");
  private final Context task = request.with(NAME, "task");
  private final List<String> gaveWay = new ArrayList<>();

  @AfterEach
  void leaveThreadAsFound() {
    YieldingScopes.remove(task);
    ContextStorage.defaultStorage().attach(Context.root());
  }

  /**
   * What is current, as {@code Context.current()} reads it: the storage holds null until something
   * is attached.
   */
  private Context current() {
    Context current = storage.current();
    return current == null ? Context.root() : current;
  }

  @Test
  void anEnclosingScopeClosesThroughAContextLeftCurrentAboveIt() {
    Scope requestScope = storage.attach(request);
    Scope taskScope = storage.attach(task);
    YieldingScopes.push(
        task,
        () -> {
          gaveWay.add(current().get(NAME));
          taskScope.close();
        });

    requestScope.close();

    assertThat(gaveWay).containsExactly("task");
    assertThat(current()).isSameAs(Context.root());
  }

  @Test
  void withoutRegistrationTheStrayCloseIsIgnoredAsUsual() {
    Scope requestScope = storage.attach(request);
    storage.attach(task);

    requestScope.close();

    assertThat(current()).isSameAs(task);
  }

  @Test
  void scopesClosedInOrderNeverAskAnyoneToGiveWay() {
    Scope requestScope = storage.attach(request);
    Scope taskScope = storage.attach(task);
    YieldingScopes.push(task, () -> gaveWay.add("task"));

    taskScope.close();
    YieldingScopes.remove(task);
    requestScope.close();

    assertThat(gaveWay).isEmpty();
    assertThat(current()).isSameAs(Context.root());
  }

  @Test
  void closingAScopeTwiceNeverAsksWhatIsCurrentNowToGiveWay() {
    Scope taskScope = storage.attach(task);
    YieldingScopes.push(task, () -> gaveWay.add("task"));
    Scope inner = storage.attach(task.with(NAME, "tool call"));
    inner.close();

    inner.close();

    assertThat(gaveWay).isEmpty();
    assertThat(current()).isSameAs(task);
    YieldingScopes.remove(task);
    taskScope.close();
  }

  @Test
  void aContextThatFailsToGiveWayLeavesTheCloseIgnored() {
    Scope requestScope = storage.attach(request);
    storage.attach(task);
    YieldingScopes.push(
        task,
        () -> {
          throw new IllegalStateException("boom");
        });

    requestScope.close();

    assertThat(current()).isSameAs(task);
  }

  @Test
  void installingTheWrapperEnforcesYielding() {
    assertThat(YieldingScopes.enforced()).isTrue();
  }
}
