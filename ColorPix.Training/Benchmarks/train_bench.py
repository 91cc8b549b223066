"""Training throughput of the reference networks in PyTorch, timed as ColorPix's `bench train` times its own.

AutoEncoder: the course's, MSE on ab/128, Adam 1e-3. Pix2Pix: UNet generator (unet_128) + 70x70 PatchGAN,
BatchNorm, dropout, BCE-with-logits GAN loss + 100 * L1, Adam 2e-4 (beta1 0.5), the reference's update order.
Prints one JSON object: images per second per model.
"""
import json
import statistics
import sys
import time

import torch
from torch import nn

from engine_bench import autoencoder


class Block(nn.Module):
    def __init__(self, outer, inner, input_nc=None, sub=None, outermost=False, innermost=False, dropout=False):
        super().__init__()
        self.outermost = outermost
        input_nc = input_nc or outer
        down = nn.Conv2d(input_nc, inner, 4, 2, 1, bias=False)  # as the reference with BatchNorm
        if outermost:
            layers = [down, sub, nn.ReLU(), nn.ConvTranspose2d(inner * 2, outer, 4, 2, 1), nn.Tanh()]
        elif innermost:
            layers = [nn.LeakyReLU(0.2), down, nn.ReLU(), nn.ConvTranspose2d(inner, outer, 4, 2, 1, bias=False), nn.BatchNorm2d(outer)]
        else:
            layers = [nn.LeakyReLU(0.2), down, nn.BatchNorm2d(inner), sub, nn.ReLU(),
                      nn.ConvTranspose2d(inner * 2, outer, 4, 2, 1, bias=False), nn.BatchNorm2d(outer)]
            layers += [nn.Dropout(0.5)] if dropout else []
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x) if self.outermost else torch.cat([x, self.model(x)], 1)


def unet(downs, ngf):
    block = Block(ngf * 8, ngf * 8, innermost=True)
    for _ in range(downs - 5):
        block = Block(ngf * 8, ngf * 8, sub=block, dropout=True)
    for outer, inner in ((ngf * 4, ngf * 8), (ngf * 2, ngf * 4), (ngf, ngf * 2)):
        block = Block(outer, inner, sub=block)
    return Block(2, ngf, input_nc=1, sub=block, outermost=True)


def patchgan(ndf, layers=3):
    seq, mult = [nn.Conv2d(3, ndf, 4, 2, 1), nn.LeakyReLU(0.2)], 1
    for n in range(1, layers + 1):
        prev, mult = mult, min(2 ** n, 8)
        seq += [nn.Conv2d(ndf * prev, ndf * mult, 4, 2 if n < layers else 1, 1, bias=False), nn.BatchNorm2d(ndf * mult), nn.LeakyReLU(0.2)]
    return nn.Sequential(*seq, nn.Conv2d(ndf * mult, 1, 4, 1, 1))


def timed(step, warmup, runs):
    for _ in range(warmup):
        step()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main():
    threads, warmup, runs, batch, size, ngf = (int(a) for a in sys.argv[1:7])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    l = torch.rand(batch, 1, size, size) * 100
    ab = torch.rand(batch, 2, size, size) * 256 - 128

    ae = autoencoder()
    adam = torch.optim.Adam(ae.parameters(), lr=1e-3)

    def ae_step():
        adam.zero_grad()
        loss = nn.functional.mse_loss(ae(l / 50 - 1) * 128 / 128, ab / 128)
        loss.backward()
        adam.step()

    g, d = unet({128: 7, 256: 8}[size], ngf), patchgan(ngf)
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.functional.binary_cross_entropy_with_logits

    def p2p_step():
        real_l, real_ab = l / 50 - 1, ab / 110
        fake = g(real_l)
        for p in d.parameters():
            p.requires_grad = True
        opt_d.zero_grad()
        pf, pr = d(torch.cat([real_l, fake.detach()], 1)), d(torch.cat([real_l, real_ab], 1))
        ((bce(pf, torch.zeros_like(pf)) + bce(pr, torch.ones_like(pr))) * 0.5).backward()
        opt_d.step()
        for p in d.parameters():
            p.requires_grad = False
        opt_g.zero_grad()
        pf = d(torch.cat([real_l, fake], 1))
        (bce(pf, torch.ones_like(pf)) + nn.functional.l1_loss(fake, real_ab) * 100).backward()
        opt_g.step()

    print(json.dumps({"autoencoder_images_per_second": batch / timed(ae_step, warmup, runs),
                      "pix2pix_images_per_second": batch / timed(p2p_step, warmup, runs)}))


if __name__ == "__main__":
    main()
