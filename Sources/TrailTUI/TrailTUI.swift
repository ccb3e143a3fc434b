import TrailCore
