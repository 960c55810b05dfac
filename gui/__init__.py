"""NestWiz's Qt user interface: the wizard and its pages."""
