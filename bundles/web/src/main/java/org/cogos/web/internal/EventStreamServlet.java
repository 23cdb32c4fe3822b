package org.cogos.web.internal;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.servlet.AsyncContext;
import javax.servlet.Servlet;
import javax.servlet.ServletOutputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

import org.cogos.api.Names;
import org.cogos.util.log.LogThrottle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /cogos/api/stream[?robot=ID]}: the live updates of the open pages as Server-Sent Events (the
 * browser's EventSource, which reconnects by itself), in the manner of openHAB's {@code /rest/events}. One thread
 * pushes for all pages ({@link LiveFeed}); each page has a writer thread of its own, so at most
 * {@code maxStreams} threads, and a page over the limit is answered 503.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/api/stream",
    "osgi.http.whiteboard.servlet.name=cogos-web-stream",
    "osgi.http.whiteboard.servlet.asyncSupported=true",
    "osgi.http.whiteboard.context.select=" + DashboardContext.SELECT})
public final class EventStreamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EventStreamServlet.class);

    private final transient Dashboard dashboard;
    private final transient LiveFeed feed;
    private final transient ScheduledExecutorService pusher;
    private final transient ExecutorService writers;
    private final transient LogThrottle pushFailures = new LogThrottle();

    @Activate
    public EventStreamServlet(@Reference Dashboard dashboard) {
        this.dashboard = dashboard;
        feed = new LiveFeed(dashboard, dashboard::options, System::currentTimeMillis);
        pusher = Executors.newSingleThreadScheduledExecutor(named("cogos-web-push"));
        writers = Executors.newCachedThreadPool(named("cogos-web-stream"));
        pusher.execute(this::push);
    }

    @Deactivate
    void deactivate() {
        pusher.shutdownNow();
        feed.closeAll();
        writers.shutdown();
        try {
            if (!writers.awaitTermination(5, TimeUnit.SECONDS)) {
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One push, then the next is scheduled at the interval configured now, so a changed pushIntervalMs applies
     * from the next push. A failed push is logged and the next one tried: one exception must not end the updates
     * of every page.
     */
    private void push() {
        try {
            feed.push();
        } catch (Exception e) {
            if (pushFailures.occurred()) {
                LOG.warn("dashboard push failed: {}", e.toString(), e);
            }
        }
        try {
            pusher.schedule(this::push, dashboard.options().pushIntervalMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Deactivated: no more pushes.
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebUser user = (WebUser) request.getAttribute(WebUser.ATTRIBUTE);
        String robot = request.getParameter("robot");
        if (robot != null && !Names.isValid(robot)) {
            Responses.error(response, HttpServletResponse.SC_BAD_REQUEST, "not a robot id: " + robot);
            return;
        }
        int max = dashboard.options().maxStreams();
        if (feed.clients() >= max) {
            LOG.warn("dashboard: live page of {} refused, {} open already (maxStreams)", user.name(), max);
            Responses.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    max + " live pages are open already (maxStreams)");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("X-Accel-Buffering", "no");
        response.flushBuffer();
        HttpSession session = request.getSession(false);
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        StreamClient client = new StreamClient(user, robot, new ResponseSink(async, session));
        feed.add(client);
        try {
            writers.execute(client::drain);
        } catch (RejectedExecutionException e) {
            // Deactivating: the page's EventSource will retry against the next instance.
            client.close();
            async.complete();
        }
    }

    /** The response of one live page; written by that page's writer thread only. */
    private static final class ResponseSink implements StreamClient.Sink {

        private final AsyncContext async;
        private final HttpSession session;

        ResponseSink(AsyncContext async, HttpSession session) {
            this.async = async;
            this.session = session;
        }

        @Override
        public void write(byte[] frame) throws IOException {
            ServletOutputStream out = async.getResponse().getOutputStream();
            out.write(frame);
            out.flush();
        }

        @Override
        public void close() {
            try {
                async.complete();
            } catch (IllegalStateException e) {
                // Completed already: the container ended it when the browser went away.
            }
        }

        @Override
        public boolean loggedIn() {
            try {
                return session != null && session.getAttribute(WebUser.SESSION_ATTRIBUTE) != null;
            } catch (IllegalStateException e) {
                return false;
            }
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
