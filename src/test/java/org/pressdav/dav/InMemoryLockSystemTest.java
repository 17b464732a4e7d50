package org.pressdav.dav;

class InMemoryLockSystemTest extends LockSystemContract {
    @Override
    LockSystem newSystem() {
        return new InMemoryLockSystem();
    }
}
