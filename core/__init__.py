"""NestWiz core: a Qt-free asyncio library that sets up Hyper-V nested virtualization."""

__version__ = "0.1.0"
