import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@sas/auth';
import {
  communeCentre,
  communesWithCentre,
  departementPopulation,
  departementsOfRegion,
  findCommune,
  regionName,
} from '@sas/referentials';
import { Response } from 'express';
import { dashboardAsset } from './dashboard-assets';
import { dashboardCsp, dashboardSettings } from './dashboard-settings';

/**
 * The steering dashboard: a static page, its scripts, and the public referential it draws
 * the map with. The figures themselves come from the indicators API, with the reader's token.
 */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController {
  private readonly settings = dashboardSettings();
  private communeRows?: (string | number)[][];

  @Get()
  page(@Res() res: Response) {
    this.send('index.html', res);
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response) {
    this.send(name, res);
  }

  /** What the page needs to start: the region and its territories, and how to sign in. */
  @Get('config.json')
  config() {
    const { region, oidc } = this.settings;
    const territories = departementsOfRegion(region).map((d) => ({
      code: d.code,
      name: d.name,
      population: departementPopulation(d.code),
    }));
    return {
      region,
      regionName: regionName(region) ?? region,
      territories,
      auth: oidc ? { mode: 'oidc', ...oidc } : { mode: 'development' },
    };
  }

  /** The region's communes with their centre and population: the map's marks (public referential). */
  @Get('communes.json')
  communes(@Res() res: Response) {
    // Arrondissements included: Paris's facts may name them (patients' and places' communes).
    this.communeRows ??= communesWithCentre().flatMap((code) => {
      const commune = findCommune(code);
      const centre = communeCentre(code);
      return commune?.region === this.settings.region && centre
        ? [[code, commune.name, commune.population, centre.latitude, centre.longitude]]
        : [];
    });
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.json({ columns: ['code', 'name', 'population', 'latitude', 'longitude'], rows: this.communeRows });
  }

  private send(name: string, res: Response): void {
    const asset = dashboardAsset(name);
    if (!asset) throw new NotFoundException(`no dashboard asset ${name}`);
    res.setHeader('Content-Security-Policy', dashboardCsp(this.settings));
    res.setHeader('Cache-Control', name === 'index.html' ? 'no-cache' : 'public, max-age=3600');
    res.type(asset.type).sendFile(asset.path);
  }
}
