package io.tandem.cutover;

/** A background activity the cutover holds while the source is frozen (the heartbeat writer). */
public interface Pausable {

    void pause();

    void resume();

    Pausable NONE = new Pausable() {
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }
    };
}
