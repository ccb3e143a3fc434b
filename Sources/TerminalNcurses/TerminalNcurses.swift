import CNcurses
import TrailTUI
