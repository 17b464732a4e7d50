package org.pressdav.dav.lock;

class InMemoryLockSystemTest extends LockSystemContract {
    @Override
    LockSystem newSystem() {
        return new InMemoryLockSystem();
    }
}
