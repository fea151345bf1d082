"""winelike's server (Wine's wineserver): the objects that processes share.

protocol.py defines every request and reply; core.py and the object modules
(process, thread, event, mutex, semaphore, timer; object.py and handles.py for the
shared machinery; wait.py for select) are a sans-IO state machine; daemon.py alone
touches sockets, and client.py is the blocking client.  See docs/server.md.
"""
