package dev.saturn.testkit;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * A class whose {@code @BeforeAll} aborts (a missing tool outside CI) has each of its tests skipped with the reason:
 * JUnit reports such a class as one aborted container, which Surefire counts as 0 run and 0 skipped. Registered for
 * every test through the testkit's junit-platform.properties and service file.
 */
public final class AbortedBeforeAll implements InvocationInterceptor, ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AbortedBeforeAll.class);
    private static final String REASON = "reason";

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
            ExtensionContext context) throws Throwable {
        if (reason(context) != null) {
            invocation.skip();
            return;
        }
        try {
            invocation.proceed();
        } catch (TestAbortedException e) {
            context.getStore(NAMESPACE).put(REASON, e.getMessage());
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = context.getTestMethod().isPresent() ? reason(context) : null;
        return reason == null ? ConditionEvaluationResult.enabled("no @BeforeAll aborted")
                : ConditionEvaluationResult.disabled(reason);
    }

    /**
     * The store looks through the enclosing classes' stores too: a nested class's tests are skipped one by one as
     * well (a skipped nested class would count as one container, not as its tests), and its @BeforeAll not run.
     */
    private static String reason(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(REASON, String.class);
    }
}
