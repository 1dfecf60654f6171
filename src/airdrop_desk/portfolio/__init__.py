"""The portfolio: balance sync, prices, holdings and airdrop ROI, without Qt."""
