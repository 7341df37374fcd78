"""Atlas Control Plane SDK: the hand-written layer over the generated client."""
