package org.rapaio.jupyter.kernel.channels;

/**
 * Replacement for rapaio-jupyter-kernel 3.0.1's channel loop thread, put before the kernel jar on the
 * kernel's class path by {@code run-notebooks.sh} (this file is not part of any scattering4j jar).
 *
 * <p>Why: the kernel's own class starts the thread and only then marks it running, so on a busy machine the
 * new thread can test the flag first, find it false and end at once. A channel whose thread ended never
 * answers, and the kernel hangs at startup ("Kernel didn't respond"); on this shared 2-core machine that
 * happened to about one kernel start in two. Here the flag is set before the thread starts. A second race
 * of the same kind: the shell channel can receive the client's first {@code kernel_info_request} before the
 * kernel has registered its message handlers, and the resulting NullPointerException ended the thread. Here
 * an exception from one iteration is reported and the loop goes on (that one message is lost; the client
 * repeats {@code kernel_info_request} until it gets a reply). Same public API as the original: a named
 * thread that runs {@code loopBody} every {@code sleep} milliseconds until {@link #shutdown()} or an
 * interrupt.
 */
public final class LoopThread extends Thread {
    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                System.err.println(getName() + ": message dropped: " + e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
