"""Loopback helpers shared by the Python tests and benches (network tests bind 127.0.0.1 only)."""
import socket


def free_udp_port():
    """A UDP port on 127.0.0.1 that nothing holds now (bound, read, released)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
