package io.helmdesk.agent.desktop.internal.x11;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** What the X11 code calls in libc: System V shared memory for MIT-SHM images, poll(2) to wait on the X connection. */
interface LibC extends Library {

    String NAME = Platform.C_LIBRARY_NAME;

    int IPC_PRIVATE = 0;
    int IPC_CREAT = 01000;
    int IPC_RMID = 0;
    int OWNER_READ_WRITE = 0600;

    int shmget(int key, NativeLong size, int flags);

    /** Returns {@code (void *) -1} on failure. */
    Pointer shmat(int id, Pointer address, int flags);

    int shmdt(Pointer address);

    int shmctl(int id, int command, Pointer buffer);

    short POLLIN = 0x001;
    /** {@code struct pollfd}: int fd; short events; short revents. */
    int POLLFD_SIZE = 8;

    /** Returns how many descriptors are ready, 0 on timeout, -1 on error (EINTR included). */
    int poll(Pointer fds, NativeLong count, int timeoutMillis);
}
