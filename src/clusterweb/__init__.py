"""clusterweb: the Django web platform of clusterplan."""
